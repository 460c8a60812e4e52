namespace LlmOps.Sdk.Feedback;

/// <summary>A person's judgement of one call, given after it returned: a thumb, a rating or a correction.</summary>
/// <remarks>
/// The call is found by <see cref="ResponseId"/> among the recent calls of this process. For an older call, or one
/// answered in another process, carry what the call was (<see cref="PromptName"/>, <see cref="PromptVersion"/>, and
/// <see cref="TraceId"/>/<see cref="SpanId"/> to link the trace): the values found in the recent calls win over them.
/// <see cref="Comment"/>, <see cref="Correction"/> and <see cref="UserId"/> are user data.
/// </remarks>
public sealed record ChatFeedback
{
    /// <summary>The name of a thumbs-up/thumbs-down feedback: <c>thumbs</c>.</summary>
    public const string ThumbsName = "thumbs";

    /// <summary>Initializes a new instance of the <see cref="ChatFeedback"/> class.</summary>
    /// <param name="responseId">The provider's id of the response the feedback is about (<see cref="ChatResponse.ResponseId"/>).</param>
    /// <param name="name">What was judged, such as <c>thumbs</c> or <c>rating</c>; becomes the score's name.</param>
    /// <param name="value">The judgement as a number, such as 1 for a thumb up or 4 for four stars.</param>
    /// <exception cref="ArgumentException"><paramref name="responseId"/> or <paramref name="name"/> is empty, or <paramref name="value"/> is not a finite number.</exception>
    public ChatFeedback(string responseId, string name, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(responseId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                $"Feedback '{name}' for response '{responseId}' has the value {value}, which is not a finite number. Give a number such as 1 (thumb up), 0 (thumb down) or a rating.",
                nameof(value));
        }

        ResponseId = responseId;
        Name = name;
        Value = value;
    }

    /// <summary>Gets the provider's id of the response the feedback is about.</summary>
    public string ResponseId { get; }

    /// <summary>Gets what was judged; the score's name.</summary>
    public string Name { get; }

    /// <summary>Gets the judgement as a number.</summary>
    public double Value { get; }

    /// <summary>Gets whether the person was satisfied; <see langword="false"/> marks negative feedback.</summary>
    /// <value>The default is <see langword="null"/>: no verdict, as for a rating alone.</value>
    public bool? Passed { get; init; }

    /// <summary>Gets what the person wrote about the answer.</summary>
    public string? Comment { get; init; }

    /// <summary>Gets the answer the person says the model should have given; captured as the dataset item's expected answer.</summary>
    public string? Correction { get; init; }

    /// <summary>Gets who gave the feedback, so that sinks can count one vote per person.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the prompt the call used, for a call no longer among the recent calls.</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the prompt version the call used, for a call no longer among the recent calls.</summary>
    public int? PromptVersion { get; init; }

    /// <summary>Gets the trace id of the call's span (32 hex digits), to link the feedback to it.</summary>
    public string? TraceId { get; init; }

    /// <summary>Gets the span id of the call's span (16 hex digits), to link the feedback to it.</summary>
    public string? SpanId { get; init; }

    /// <summary>Gets whether this is negative feedback: <see cref="Passed"/> is <see langword="false"/>.</summary>
    public bool IsNegative => Passed == false;

    /// <summary>Creates a thumb up: <c>thumbs</c> = 1, passed.</summary>
    /// <param name="responseId">The provider's id of the response.</param>
    /// <returns>The feedback.</returns>
    public static ChatFeedback ThumbsUp(string responseId) => new(responseId, ThumbsName, 1) { Passed = true };

    /// <summary>Creates a thumb down: <c>thumbs</c> = 0, failed (negative feedback).</summary>
    /// <param name="responseId">The provider's id of the response.</param>
    /// <returns>The feedback.</returns>
    public static ChatFeedback ThumbsDown(string responseId) => new(responseId, ThumbsName, 0) { Passed = false };
}

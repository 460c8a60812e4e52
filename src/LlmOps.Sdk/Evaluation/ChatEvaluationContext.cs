namespace LlmOps.Sdk.Evaluation;

/// <summary>Everything an evaluator may look at about one finished call.</summary>
/// <remarks>
/// Built once per sampled call and shared by all its evaluators, inline and background: treat it as read-only.
/// The messages and the response are user data: an evaluator must not log them above <c>Trace</c>.
/// </remarks>
public sealed class ChatEvaluationContext
{
    private string? _responseText;

    /// <summary>Initializes a new instance of the <see cref="ChatEvaluationContext"/> class.</summary>
    /// <param name="messages">The messages sent to the model, after prompt rendering.</param>
    /// <param name="response">The model's response; for a stream, the response assembled from its updates.</param>
    public ChatEvaluationContext(IReadOnlyList<ChatMessage> messages, ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(response);
        Messages = messages;
        Response = response;
    }

    /// <summary>Gets the messages sent to the model.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Gets the model's response (assembled from the updates when the call streamed).</summary>
    public ChatResponse Response { get; }

    /// <summary>Gets the text of the response.</summary>
    public string ResponseText => _responseText ??= Response.Text;

    /// <summary>Gets the options the call was made with.</summary>
    public ChatOptions? Options { get; init; }

    /// <summary>Gets the name of the prompt the call used, or <see langword="null"/> when it used none.</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the version of the prompt the call used, or <see langword="null"/>.</summary>
    public int? PromptVersion { get; init; }

    /// <summary>Gets the reference (expected) answers the caller attached; empty when none.</summary>
    /// <remarks>Attach them with <see cref="ChatOptionsEvaluationExtensions.WithReferenceAnswers"/>.</remarks>
    public IReadOnlyList<string> ReferenceAnswers { get; init; } = [];

    /// <summary>Gets the first reference answer, or <see langword="null"/> when the caller attached none.</summary>
    public string? ReferenceAnswer => ReferenceAnswers.Count > 0 ? ReferenceAnswers[0] : null;

    /// <summary>Gets the metadata the caller attached for evaluators; empty when none.</summary>
    public IReadOnlyDictionary<string, object?> Metadata { get; init; } = EmptyMetadata;

    /// <summary>Gets how long the call took, from the request to the last chunk, on the stage's clock.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Gets the token usage the provider reported, or <see langword="null"/>.</summary>
    public UsageDetails? Usage => Response.Usage;

    /// <summary>Gets the estimated cost of the call in US dollars, or <see langword="null"/> when no price is known.</summary>
    public double? EstimatedCostUsd { get; init; }

    /// <summary>Gets whether the call streamed its response.</summary>
    public bool Streaming { get; init; }

    /// <summary>The metadata of a call that attached none; shared, and empty for good.</summary>
    internal static readonly IReadOnlyDictionary<string, object?> EmptyMetadata =
        System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>.Empty;
}

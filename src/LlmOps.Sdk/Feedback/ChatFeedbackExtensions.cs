namespace LlmOps.Sdk.Feedback;

/// <summary>Shortcuts for recording feedback.</summary>
public static class ChatFeedbackExtensions
{
    /// <summary>Records a named judgement of the response with <paramref name="responseId"/>.</summary>
    /// <param name="feedback">The feedback service.</param>
    /// <param name="responseId">The provider's id of the response (<see cref="ChatResponse.ResponseId"/>).</param>
    /// <param name="name">What was judged, such as <c>thumbs</c> or <c>rating</c>.</param>
    /// <param name="value">The judgement as a number.</param>
    /// <param name="comment">What the person wrote, or <see langword="null"/>.</param>
    /// <param name="userId">Who gave it, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the sink writes.</param>
    /// <returns>Whether the feedback was recorded, and against which prompt version.</returns>
    /// <exception cref="ArgumentException"><paramref name="responseId"/> or <paramref name="name"/> is empty, or <paramref name="value"/> is not finite.</exception>
    public static ValueTask<FeedbackResult> RecordAsync(
        this IChatFeedback feedback, string responseId, string name, double value, string? comment = null, string? userId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return feedback.RecordAsync(new ChatFeedback(responseId, name, value) { Comment = comment, UserId = userId }, cancellationToken);
    }
}

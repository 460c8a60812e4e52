namespace LlmOps.Sdk.Feedback;

/// <summary>What <see cref="IChatFeedback.RecordAsync"/> did with a piece of feedback, and against which prompt version.</summary>
/// <param name="Status">Whether and how the feedback was recorded.</param>
/// <param name="Message">A sentence for a log or an API answer; for <see cref="FeedbackStatus.UnknownResponse"/>, how to fix it.</param>
public sealed record FeedbackResult(FeedbackStatus Status, string Message)
{
    /// <summary>Gets whether the feedback was recorded.</summary>
    public bool IsRecorded => Status != FeedbackStatus.UnknownResponse;

    /// <summary>Gets the prompt the feedback was recorded against, or <see langword="null"/>.</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the prompt version the feedback was recorded against, or <see langword="null"/>.</summary>
    public int? PromptVersion { get; init; }
}

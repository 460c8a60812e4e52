namespace LlmOps.Sdk.Feedback;

/// <summary>What became of a piece of feedback.</summary>
public enum FeedbackStatus
{
    /// <summary>The call was found among the recent calls; the feedback was recorded against its prompt version.</summary>
    Recorded,

    /// <summary>The call was not among the recent calls; the feedback was recorded against the prompt the caller carried.</summary>
    RecordedFromCaller,

    /// <summary>The call was not among the recent calls and the caller carried no prompt; nothing was recorded.</summary>
    UnknownResponse,
}

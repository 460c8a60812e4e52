namespace LlmOps.Sdk.Feedback;

/// <summary>The defaults and names of feedback, in one place.</summary>
internal static class FeedbackConstants
{
    public const int DefaultRecentCallCapacity = 10_000;
    public const int MaxRecentCallCapacity = 1_000_000;

    /// <summary>The <see cref="Evaluation.EvaluationRecord.EvaluatorName"/> of a feedback record.</summary>
    public const string EvaluatorName = "feedback";
}

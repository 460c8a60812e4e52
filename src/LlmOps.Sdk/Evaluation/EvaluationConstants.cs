namespace LlmOps.Sdk.Evaluation;

/// <summary>The defaults and limits of the evaluation stage, in one place.</summary>
internal static class EvaluationConstants
{
    public const int DefaultQueueCapacity = 1024;
    public const int MaxQueueCapacity = 1_000_000;
    public const int DefaultWorkerCount = 2;
    public const int MaxWorkerCount = 64;
    public const int MaxEvaluators = 64; // one bit each in the per-call sampling mask
    public const double DefaultSamplingRate = 1.0;
    public const string MinTimeout = "00:00:00.001";
    public const string MaxTimeout = "01:00:00";
    public const string MinDrainTimeout = "00:00:00";
    public const string MaxDrainTimeout = "00:10:00";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The <c>error.type</c> of an evaluator that did not finish within its timeout.</summary>
    public const string TimeoutErrorType = "timeout";

    /// <summary>The <c>error.type</c> of an evaluator stopped by the caller's cancellation or by shutdown.</summary>
    public const string CanceledErrorType = "canceled";

    /// <summary>Why evaluation work was dropped: the queue was full.</summary>
    public const string DropReasonQueueFull = "queue_full";

    /// <summary>Why evaluation work was dropped: the caller canceled while waiting for room in the queue.</summary>
    public const string DropReasonCanceled = "canceled";

    /// <summary>Why evaluation work was dropped: shutdown came before it was drained.</summary>
    public const string DropReasonShutdown = "shutdown";
}

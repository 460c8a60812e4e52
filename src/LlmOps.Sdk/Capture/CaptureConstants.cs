namespace LlmOps.Sdk.Capture;

/// <summary>The defaults and limits of capture, in one place.</summary>
internal static class CaptureConstants
{
    public const double DefaultSamplingRate = 0.01;
    public const int DefaultQueueCapacity = 1024;
    public const int MaxQueueCapacity = 1_000_000;
    /// <summary>How many queued calls the writer takes into one write: one transaction, one round trip.</summary>
    public const int MaxWriteBatch = 256;
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxDrainTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Why a capture was dropped: the queue was full.</summary>
    public const string DropReasonQueueFull = "queue_full";

    /// <summary>Why a capture was dropped: shutdown came before it was written.</summary>
    public const string DropReasonShutdown = "shutdown";

    /// <summary>Why a capture was dropped: the file or the database could not be written.</summary>
    public const string DropReasonWriteFailed = "write_failed";

    /// <summary>How deep nested variables are written; deeper values are written as text.</summary>
    public const int MaxVariableDepth = 16;
}

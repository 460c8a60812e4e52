namespace LlmOps.Sdk.Experiments;

/// <summary>The defaults of experiments, in one place.</summary>
internal static class ExperimentConstants
{
    public const int DefaultMaxConcurrency = 4;

    /// <summary>How many finished cases may wait for the writer: enough to keep the workers busy, few enough to stay small.</summary>
    public const int WriteQueueCapacityPerWorker = 4;

    /// <summary>The most finished cases written in one system call, so a line never waits long behind others.</summary>
    public const int MaxLinesPerWrite = 64;

    /// <summary>The shortest refill step of a rate limit: finer steps would cost a timer tick for no smoother flow.</summary>
    public static readonly TimeSpan MinReplenishmentPeriod = TimeSpan.FromMilliseconds(100);
}

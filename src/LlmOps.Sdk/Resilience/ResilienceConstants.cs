namespace LlmOps.Sdk.Resilience;

/// <summary>The defaults of the resilience stage, in one place.</summary>
internal static class ResilienceConstants
{
    public const int DefaultMaxRetryAttempts = 3;
    public const int MaxRetryAttemptsLimit = 10;

    public const string MaxDelayLimit = "00:10:00";
    public const string MaxTimeoutLimit = "1.00:00:00";

    /// <summary>The smallest timeout Polly's timeout strategy accepts.</summary>
    public const string MinTimeout = "00:00:00.010";

    /// <summary>The smallest sampling and break durations Polly's circuit breaker accepts.</summary>
    public const string MinCircuitDuration = "00:00:00.500";

    public const string OperationKey = "chat";
    public const string StreamingOperationKey = "chat-streaming";

    /// <summary>The name of the pipeline <c>AddLlmOps</c> registers for the unkeyed chat client.</summary>
    public const string PipelineName = "LlmOps.Sdk.Chat";

    // One second doubles to 2, 4, 8 s: three retries fit in about 15 s, which rides out a typical provider blip.
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);

    // Providers ask for up to a minute on a rate limit; longer waits (quota resets) are better failed or sent to a fallback.
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(60);

    // HttpClient's own default: long generations are legitimate, and cutting one off pays for its tokens twice.
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(100);
    public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromMinutes(5);

    public const double DefaultFailureRatio = 0.5;
    public const int DefaultMinimumThroughput = 20;
    public static readonly TimeSpan DefaultSamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultBreakDuration = TimeSpan.FromSeconds(15);
}

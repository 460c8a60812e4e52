namespace LlmOps.Sdk.RateLimits;

/// <summary>The rate-limit stage's defaults and telemetry names.</summary>
internal static class RateLimitConstants
{
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(30);

    public const int DefaultMaxOutputTokens = 1024;

    /// <summary>The slices of the one-minute window: permits come back one second's worth at a time.</summary>
    public const int SlicesPerMinute = 60;

    public static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

    /// <summary>How long a 429 that says nothing else pauses the limiter.</summary>
    public static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(1);

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key of the listener stages below hand provider faults to.</summary>
    public const string FaultListenerProperty = "llmops.rate_limit.listener";

    public const string RejectionsMetric = "llmops.rate_limit.rejections";

    public const string ReroutesMetric = "llmops.rate_limit.reroutes";

    /// <summary>The span attribute and metric tag that name the model a rerouted call went to.</summary>
    public const string FallbackModelAttribute = "llmops.rate_limit.fallback_model";

    public const string WaitMetric = "llmops.rate_limit.wait";

    public const string LimiterAttribute = "llmops.rate_limit.limiter";

    public const string KindAttribute = "llmops.rate_limit.kind";

    public const string Client = "client";
}

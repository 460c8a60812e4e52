using static LlmOps.Sdk.DependencyInjection.ConfigurationShape;

namespace LlmOps.Sdk.DependencyInjection;

/// <summary>The keys <see cref="LlmOpsOptions"/> binds from configuration, for telling a typo from an option.</summary>
/// <remarks>Kept in step with the options classes by a test; add a key here when you add an option.</remarks>
internal static class LlmOpsConfigurationShape
{
    /// <summary>Gets the shape of the <c>LlmOps</c> section.</summary>
    public static ConfigurationShape Root { get; } = Section(
        ("Budgets", Section(
            ("Limits", Map(Section(
                ("Name", Value),
                ("Scope", Value),
                ("Match", Value),
                ("Window", Value),
                ("Rolling", Value),
                ("LimitUsd", Value),
                ("FallbackModelId", Value)))),
            ("WarningThresholds", Map(Value)),
            ("DefaultMaxOutputTokens", Value))),
        ("Cache", Section(
            ("Enabled", Value),
            ("DefaultDuration", Value),
            ("LocalDuration", Value),
            ("CacheAllCalls", Value),
            ("CacheToolCalls", Value),
            ("KeyPrefix", Value))),
        ("Evaluation", Section(
            ("Evaluators", CodeOnly("Add evaluators in code with AddEvaluator(...) on the AddLlmOps builder.")),
            ("Sinks", CodeOnly("Add sinks in code with AddEvaluationSink(...) on the AddLlmOps builder.")),
            ("QueueCapacity", Value),
            ("WorkerCount", Value),
            ("OverflowPolicy", Value),
            ("DrainTimeout", Value))),
        ("Privacy", Section(
            ("Enabled", Value),
            ("DefaultMode", Value),
            ("Modes", Map(Value)),
            ("UseBuiltInDetectors", Value),
            ("Patterns", Map(Value)),
            ("Detectors", CodeOnly("Add detectors in code with AddPrivacy(p => p.Detectors.Add(...)) or register IPiiDetector services.")),
            ("AllowList", Map(Value)))),
        ("Prompts", Section(
            ("CacheDuration", Value),
            ("DefaultLabel", Value),
            ("StrictVariables", Value),
            ("MaxPartialDepth", Value),
            ("SnapshotPath", Value))),
        ("RateLimits", Section(
            ("RequestsPerMinute", Value),
            ("TokensPerMinute", Value),
            ("Models", Map(Section(
                ("RequestsPerMinute", Value),
                ("TokensPerMinute", Value),
                ("FallbackModelId", Value)))),
            ("MaxWait", Value),
            ("DefaultMaxOutputTokens", Value),
            ("FallbackModelId", Value))),
        ("Resilience", Section(
            ("Enabled", Value),
            ("MaxRetryAttempts", Value),
            ("BaseDelay", Value),
            ("MaxDelay", Value),
            ("UseJitter", Value),
            ("MaxRetryAfter", Value),
            ("AttemptTimeout", Value),
            ("TotalTimeout", Value),
            ("CircuitBreaker", Section(
                ("Enabled", Value),
                ("FailureRatio", Value),
                ("MinimumThroughput", Value),
                ("SamplingDuration", Value),
                ("BreakDuration", Value))),
            ("FallbackClientKey", Value),
            ("IsTransient", CodeOnly("Set it in code with ConfigureResilience(r => r.IsTransient = ...).")))),
        ("Telemetry", Section(
            ("Enabled", Value),
            ("EnableSensitiveData", Value),
            ("MaxCapturedTextLength", Value),
            ("UseDefaultPrices", Value),
            ("Prices", Map(Section(
                ("InputPerMillionTokens", Value),
                ("OutputPerMillionTokens", Value),
                ("CachedInputPerMillionTokens", Value)))))));
}

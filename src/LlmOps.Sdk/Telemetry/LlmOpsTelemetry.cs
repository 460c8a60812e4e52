namespace LlmOps.Sdk;

/// <summary>Names the SDK's telemetry: the <see cref="System.Diagnostics.ActivitySource"/>, <see cref="System.Diagnostics.Metrics.Meter"/>, attributes and metrics.</summary>
/// <remarks>Renaming any of these breaks users' dashboards and queries: each one is pinned by a test.</remarks>
public static class LlmOpsTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>: <c>LlmOps.Sdk</c>.</summary>
    /// <remarks>Pass it to <c>AddSource</c> and <c>AddMeter</c> when you configure OpenTelemetry.</remarks>
    public const string SourceName = "LlmOps.Sdk";

    /// <summary>Span attribute names: <c>gen_ai.*</c> from the OpenTelemetry GenAI conventions, ours under <c>llmops.*</c>.</summary>
    internal static class Attributes
    {
        public const string PromptName = "gen_ai.prompt.name";
        public const string PromptVersion = "llmops.prompt.version";
        public const string PromptLabel = "llmops.prompt.label";
        public const string PromptHash = "llmops.prompt.hash";
        public const string PromptVariant = "llmops.prompt.variant";
        public const string RetryAttempts = "llmops.retry.attempts";
        public const string CostUsd = "llmops.cost.usd";

        // Resilience: on each attempt event, and on the retry and fallback metrics.
        public const string AttemptNumber = "llmops.attempt.number";
        public const string AttemptStatus = "llmops.attempt.status";
        public const string AttemptReason = "llmops.attempt.reason";
        public const string RetryDelayMilliseconds = "llmops.retry.delay_ms";
        public const string RetryReason = "llmops.retry.reason";
        public const string FallbackReason = "llmops.fallback.reason";
        public const string HttpResponseStatusCode = "http.response.status_code";
        public const string ErrorType = "error.type";
    }

    /// <summary>Span event names.</summary>
    internal static class Events
    {
        /// <summary>One per attempt that reached the provider, with its number, status, reason and the delay before the next.</summary>
        public const string ResilienceAttempt = "llmops.resilience.attempt";

        /// <summary>The call was answered by the fallback client.</summary>
        public const string ResilienceFallback = "llmops.resilience.fallback";
    }

    /// <summary>Metric instrument names.</summary>
    internal static class Metrics
    {
        /// <summary>Counter of retried attempts, tagged with <c>llmops.retry.reason</c>.</summary>
        public const string ClientRetries = "llmops.client.retries";

        /// <summary>Counter of calls answered by the fallback client, tagged with <c>llmops.fallback.reason</c>.</summary>
        public const string ClientFallbacks = "llmops.client.fallbacks";
    }
}

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
        public const string PromptState = "llmops.prompt.state";
        public const string CostUsd = "llmops.cost.usd";
    }
}

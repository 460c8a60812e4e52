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
        public const string ResponseId = "gen_ai.response.id";
        public const string ErrorType = "error.type";
        public const string EvaluationName = "gen_ai.evaluation.name";
        public const string EvaluationScoreValue = "gen_ai.evaluation.score.value";
        public const string EvaluationScoreLabel = "gen_ai.evaluation.score.label";
        public const string EvaluationExplanation = "gen_ai.evaluation.explanation";
        public const string EvaluationEvaluator = "llmops.evaluation.evaluator";
        public const string EvaluationMode = "llmops.evaluation.mode";
        public const string EvaluationDropReason = "llmops.evaluation.drop_reason";
    }

    /// <summary>Span event names.</summary>
    internal static class Events
    {
        public const string EvaluationResult = "gen_ai.evaluation.result";
    }

    /// <summary>Span names of our own (the call's span is named by the telemetry stage).</summary>
    internal static class Spans
    {
        /// <summary>The prefix of a background evaluation's span, followed by the evaluator's name.</summary>
        public const string EvaluationPrefix = "evaluate ";
    }

    /// <summary>Metric names.</summary>
    internal static class Metrics
    {
        public const string EvaluationScore = "llmops.evaluation.score";
        public const string EvaluationDropped = "llmops.evaluation.dropped";
        public const string EvaluationSinkFailures = "llmops.evaluation.sink.failures";
    }
}

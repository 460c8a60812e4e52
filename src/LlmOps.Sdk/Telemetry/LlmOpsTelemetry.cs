namespace LlmOps.Sdk;

/// <summary>Names the SDK's telemetry: the <see cref="System.Diagnostics.ActivitySource"/>, <see cref="System.Diagnostics.Metrics.Meter"/>, attributes and metrics.</summary>
/// <remarks>Renaming any of these breaks users' dashboards and queries: each one is pinned by a test.</remarks>
public static class LlmOpsTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>: <c>LlmOps.Sdk</c>.</summary>
    /// <remarks>
    /// Pass it to <c>AddSource</c> and <c>AddMeter</c> when you configure OpenTelemetry. In an ASP.NET Core app, trace the
    /// requests too (<c>AddAspNetCoreInstrumentation()</c>): the request's activity is the parent of the chat spans, and the
    /// default parent-based sampler drops them when no tracer samples it.
    /// </remarks>
    public const string SourceName = "LlmOps.Sdk";

    /// <summary>The environment variable that turns content capture on when the options leave it unset.</summary>
    internal const string CaptureMessageContentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    /// <summary>The operation name of a chat call, and the first word of its span name.</summary>
    internal const string ChatOperation = "chat";

    /// <summary>Span attribute names: <c>gen_ai.*</c> from the OpenTelemetry GenAI conventions, ours under <c>llmops.*</c>.</summary>
    /// <remarks>The <c>gen_ai.*</c> names are those <c>OpenTelemetryChatClient</c> emits (semantic conventions v1.41).</remarks>
    internal static class Attributes
    {
        public const string OperationName = "gen_ai.operation.name";
        public const string ProviderName = "gen_ai.provider.name";
        public const string RequestModel = "gen_ai.request.model";
        public const string RequestStream = "gen_ai.request.stream";
        public const string RequestMaxTokens = "gen_ai.request.max_tokens";
        public const string RequestTemperature = "gen_ai.request.temperature";
        public const string RequestTopP = "gen_ai.request.top_p";
        public const string RequestTopK = "gen_ai.request.top_k";
        public const string RequestFrequencyPenalty = "gen_ai.request.frequency_penalty";
        public const string RequestPresencePenalty = "gen_ai.request.presence_penalty";
        public const string RequestSeed = "gen_ai.request.seed";
        public const string RequestStopSequences = "gen_ai.request.stop_sequences";
        public const string OutputType = "gen_ai.output.type";
        public const string ConversationId = "gen_ai.conversation.id";
        public const string ToolDefinitions = "gen_ai.tool.definitions";
        public const string ServerAddress = "server.address";
        public const string ServerPort = "server.port";
        public const string ResponseId = "gen_ai.response.id";
        public const string ResponseModel = "gen_ai.response.model";
        public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";
        public const string ResponseTimeToFirstChunk = "gen_ai.response.time_to_first_chunk";
        public const string UsageInputTokens = "gen_ai.usage.input_tokens";
        public const string UsageOutputTokens = "gen_ai.usage.output_tokens";
        public const string UsageCacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";
        public const string UsageReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";
        public const string InputMessages = "gen_ai.input.messages";
        public const string OutputMessages = "gen_ai.output.messages";
        public const string SystemInstructions = "gen_ai.system_instructions";
        public const string TokenType = "gen_ai.token.type";
        public const string ErrorType = "error.type";

        public const string PromptName = "gen_ai.prompt.name";
        public const string PromptVersion = "llmops.prompt.version";
        public const string PromptLabel = "llmops.prompt.label";
        public const string PromptHash = "llmops.prompt.hash";
        public const string PromptVariant = "llmops.prompt.variant";
        public const string RetryAttempts = "llmops.retry.attempts";
        public const string PromptState = "llmops.prompt.state";
        public const string CostUsd = "llmops.cost.usd";
        public const string EvaluationName = "gen_ai.evaluation.name";
        public const string EvaluationScoreValue = "gen_ai.evaluation.score.value";
        public const string EvaluationScoreLabel = "gen_ai.evaluation.score.label";
        public const string EvaluationExplanation = "gen_ai.evaluation.explanation";
        public const string EvaluationEvaluator = "llmops.evaluation.evaluator";
        public const string EvaluationMode = "llmops.evaluation.mode";
        public const string EvaluationDropReason = "llmops.evaluation.drop_reason";
        public const string EvaluationSource = "llmops.evaluation.source";
        public const string CaptureDropReason = "llmops.capture.drop_reason";

        // Experiments: on every call an experiment runner makes, so its spans can be told apart and joined to results.
        public const string ExperimentId = "llmops.experiment.id";
        public const string ExperimentCandidate = "llmops.experiment.candidate";
        public const string DatasetItemId = "llmops.dataset.item.id";

        // Resilience: on each attempt event, and on the retry and fallback metrics.
        public const string AttemptNumber = "llmops.attempt.number";
        public const string AttemptStatus = "llmops.attempt.status";
        public const string AttemptReason = "llmops.attempt.reason";
        public const string RetryDelayMilliseconds = "llmops.retry.delay_ms";
        public const string RetryReason = "llmops.retry.reason";
        public const string FallbackReason = "llmops.fallback.reason";
        public const string HttpResponseStatusCode = "http.response.status_code";

        // Response cache: on the call's span, and the result dimension of its request counter.
        public const string CacheHit = "llmops.cache.hit";
        public const string CacheSavedCost = "llmops.cache.saved_cost";
        public const string CacheResult = "llmops.cache.result";
        public const string CacheSkipReason = "llmops.cache.skip_reason";
        // The privacy stage: kinds and counts of personal data found, never the values.
        public const string PrivacyKind = "llmops.privacy.kind";
        public const string PrivacyMode = "llmops.privacy.mode";
        public const string PrivacyKinds = "llmops.privacy.kinds";
        public const string PrivacyModes = "llmops.privacy.modes";
        public const string PrivacyCounts = "llmops.privacy.counts";
    }

    /// <summary>Span event names.</summary>
    internal static class Events
    {
        public const string EvaluationResult = "gen_ai.evaluation.result";

        /// <summary>One per attempt that reached the provider, with its number, status, reason and the delay before the next.</summary>
        public const string ResilienceAttempt = "llmops.resilience.attempt";

        /// <summary>The call was answered by the fallback client.</summary>
        public const string ResilienceFallback = "llmops.resilience.fallback";
    }

    /// <summary>Span names of our own (the call's span is named by the telemetry stage).</summary>
    internal static class Spans
    {
        /// <summary>The prefix of a background evaluation's span, followed by the evaluator's name.</summary>
        public const string EvaluationPrefix = "evaluate ";

        /// <summary>The prefix of a feedback span, followed by the feedback's name; it links to the call's span.</summary>
        public const string FeedbackPrefix = "feedback ";
    }

    /// <summary>Attribute values with a fixed meaning.</summary>
    internal static class Values
    {
        public const string TokenTypeInput = "input";
        public const string TokenTypeOutput = "output";
        public const string OutputTypeText = "text";
        public const string OutputTypeJson = "json";
        public const string CacheHit = "hit";
        public const string CacheMiss = "miss";
        public const string CacheSkipTooLarge = "too_large";
        public const string CacheSkipStoreFailed = "store_failed";
    }

    /// <summary>Metric names and units: <c>gen_ai.client.*</c> from the GenAI conventions, ours under <c>llmops.*</c>.</summary>
    internal static class Metrics
    {
        public const string OperationDuration = "gen_ai.client.operation.duration";
        public const string TokenUsage = "gen_ai.client.token.usage";
        public const string TimeToFirstChunk = "gen_ai.client.operation.time_to_first_chunk";
        public const string TimePerOutputChunk = "gen_ai.client.operation.time_per_output_chunk";
        public const string Cost = "llmops.client.cost";
        public const string ClientRetries = "llmops.client.retries";
        public const string ClientFallbacks = "llmops.client.fallbacks";
        public const string EvaluationScore = "llmops.evaluation.score";
        public const string PrivacyDetections = "llmops.privacy.detections";
        public const string EvaluationDropped = "llmops.evaluation.dropped";
        public const string EvaluationSinkFailures = "llmops.evaluation.sink.failures";
        public const string CaptureWritten = "llmops.capture.written";
        public const string CaptureDropped = "llmops.capture.dropped";

        /// <summary>Prompt resolutions served from the snapshot file because the stores failed.</summary>
        public const string PromptSnapshotServed = "llmops.prompt.snapshot.served";

        /// <summary>Calls the response cache looked up, by <c>llmops.cache.result</c>.</summary>
        public const string CacheRequests = "llmops.cache.requests";

        /// <summary>The estimated cost of the provider calls the response cache answered instead.</summary>
        public const string CacheSavedCost = "llmops.cache.saved_cost";

        /// <summary>Answers the response cache did not store although the call asked for it, by <c>llmops.cache.skip_reason</c>.</summary>
        public const string CacheSkipped = "llmops.cache.skipped";

        public const string RequestsUnit = "{request}";
        public const string SecondsUnit = "s";
        public const string TokensUnit = "{token}";
        public const string CostUnit = "{USD}";

        /// <summary>The semantic conventions' advice for durations, in seconds.</summary>
        public static readonly double[] DurationBuckets =
            [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

        /// <summary>The semantic conventions' advice for token counts.</summary>
        public static readonly int[] TokenBuckets =
            [1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216, 67_108_864];

        /// <summary>Cost of one call in USD: from a hundredth of a cent to ten dollars.</summary>
        public static readonly double[] CostBuckets =
            [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];
    }
}

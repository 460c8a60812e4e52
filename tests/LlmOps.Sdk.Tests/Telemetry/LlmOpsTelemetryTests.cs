using static LlmOps.Sdk.LlmOpsTelemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>Pins every telemetry name: renaming one breaks users' dashboards, so it must show up as a failing test.</summary>
public sealed class LlmOpsTelemetryTests
{
    [Theory]
    [InlineData(SourceName, "LlmOps.Sdk")]
    [InlineData(CaptureMessageContentVariable, "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT")]
    [InlineData(Attributes.OperationName, "gen_ai.operation.name")]
    [InlineData(Attributes.ProviderName, "gen_ai.provider.name")]
    [InlineData(Attributes.RequestModel, "gen_ai.request.model")]
    [InlineData(Attributes.RequestStream, "gen_ai.request.stream")]
    [InlineData(Attributes.RequestMaxTokens, "gen_ai.request.max_tokens")]
    [InlineData(Attributes.RequestTemperature, "gen_ai.request.temperature")]
    [InlineData(Attributes.RequestTopP, "gen_ai.request.top_p")]
    [InlineData(Attributes.RequestTopK, "gen_ai.request.top_k")]
    [InlineData(Attributes.RequestFrequencyPenalty, "gen_ai.request.frequency_penalty")]
    [InlineData(Attributes.RequestPresencePenalty, "gen_ai.request.presence_penalty")]
    [InlineData(Attributes.RequestSeed, "gen_ai.request.seed")]
    [InlineData(Attributes.RequestStopSequences, "gen_ai.request.stop_sequences")]
    [InlineData(Attributes.OutputType, "gen_ai.output.type")]
    [InlineData(Attributes.ConversationId, "gen_ai.conversation.id")]
    [InlineData(Attributes.ToolDefinitions, "gen_ai.tool.definitions")]
    [InlineData(Attributes.ServerAddress, "server.address")]
    [InlineData(Attributes.ServerPort, "server.port")]
    [InlineData(Attributes.ResponseId, "gen_ai.response.id")]
    [InlineData(Attributes.ResponseModel, "gen_ai.response.model")]
    [InlineData(Attributes.ResponseFinishReasons, "gen_ai.response.finish_reasons")]
    [InlineData(Attributes.ResponseTimeToFirstChunk, "gen_ai.response.time_to_first_chunk")]
    [InlineData(Attributes.UsageInputTokens, "gen_ai.usage.input_tokens")]
    [InlineData(Attributes.UsageOutputTokens, "gen_ai.usage.output_tokens")]
    [InlineData(Attributes.UsageCacheReadInputTokens, "gen_ai.usage.cache_read.input_tokens")]
    [InlineData(Attributes.UsageReasoningOutputTokens, "gen_ai.usage.reasoning.output_tokens")]
    [InlineData(Attributes.InputMessages, "gen_ai.input.messages")]
    [InlineData(Attributes.OutputMessages, "gen_ai.output.messages")]
    [InlineData(Attributes.SystemInstructions, "gen_ai.system_instructions")]
    [InlineData(Attributes.TokenType, "gen_ai.token.type")]
    [InlineData(Attributes.ErrorType, "error.type")]
    [InlineData(Attributes.PromptName, "gen_ai.prompt.name")]
    [InlineData(Attributes.PromptVersion, "llmops.prompt.version")]
    [InlineData(Attributes.PromptLabel, "llmops.prompt.label")]
    [InlineData(Attributes.PromptHash, "llmops.prompt.hash")]
    [InlineData(Attributes.PromptVariant, "llmops.prompt.variant")]
    [InlineData(Attributes.RetryAttempts, "llmops.retry.attempts")]
    [InlineData(Attributes.CostUsd, "llmops.cost.usd")]
    [InlineData(Metrics.OperationDuration, "gen_ai.client.operation.duration")]
    [InlineData(Metrics.TokenUsage, "gen_ai.client.token.usage")]
    [InlineData(Metrics.TimeToFirstChunk, "gen_ai.client.operation.time_to_first_chunk")]
    [InlineData(Metrics.TimePerOutputChunk, "gen_ai.client.operation.time_per_output_chunk")]
    [InlineData(Metrics.Cost, "llmops.client.cost")]
    [InlineData(Metrics.Retries, "llmops.client.retries")]
    [InlineData(Metrics.EvaluationsDropped, "llmops.evaluation.dropped")]
    [InlineData(Metrics.SecondsUnit, "s")]
    [InlineData(Metrics.TokensUnit, "{token}")]
    [InlineData(Metrics.CostUnit, "{USD}")]
    public void Name_IsPinned(string actual, string expected)
    {
        Assert.Equal(expected, actual);
    }
}

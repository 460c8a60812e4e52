namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>Pins every telemetry name: renaming one breaks users' dashboards and queries.</summary>
public sealed class LlmOpsTelemetryTests
{
    [Theory]
    [InlineData(LlmOpsTelemetry.Attributes.EvaluationName, "gen_ai.evaluation.name")]
    [InlineData(LlmOpsTelemetry.Attributes.EvaluationScoreValue, "gen_ai.evaluation.score.value")]
    [InlineData(LlmOpsTelemetry.Attributes.EvaluationScoreLabel, "gen_ai.evaluation.score.label")]
    [InlineData(LlmOpsTelemetry.Attributes.EvaluationExplanation, "gen_ai.evaluation.explanation")]
    [InlineData(LlmOpsTelemetry.Attributes.ResponseId, "gen_ai.response.id")]
    [InlineData(LlmOpsTelemetry.Attributes.ErrorType, "error.type")]
    [InlineData(LlmOpsTelemetry.Attributes.EvaluationEvaluator, "llmops.evaluation.evaluator")]
    [InlineData(LlmOpsTelemetry.Attributes.EvaluationMode, "llmops.evaluation.mode")]
    [InlineData(LlmOpsTelemetry.Attributes.EvaluationDropReason, "llmops.evaluation.drop_reason")]
    [InlineData(LlmOpsTelemetry.Events.EvaluationResult, "gen_ai.evaluation.result")]
    [InlineData(LlmOpsTelemetry.Spans.EvaluationPrefix, "evaluate ")]
    [InlineData(LlmOpsTelemetry.Metrics.EvaluationScore, "llmops.evaluation.score")]
    [InlineData(LlmOpsTelemetry.Metrics.EvaluationDropped, "llmops.evaluation.dropped")]
    [InlineData(LlmOpsTelemetry.Metrics.EvaluationSinkFailures, "llmops.evaluation.sink.failures")]
    public void EvaluationName_IsPinned(string actual, string expected)
    {
        Assert.Equal(expected, actual);
    }
}

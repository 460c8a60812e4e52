namespace LlmOps.Sdk.Tests.Resilience;

/// <summary>Pins the resilience telemetry names: renaming one breaks users' dashboards.</summary>
public sealed class LlmOpsTelemetryResilienceNamesTests
{
    [Theory]
    [InlineData(LlmOpsTelemetry.Attributes.RetryAttempts, "llmops.retry.attempts")]
    [InlineData(LlmOpsTelemetry.Attributes.AttemptNumber, "llmops.attempt.number")]
    [InlineData(LlmOpsTelemetry.Attributes.AttemptStatus, "llmops.attempt.status")]
    [InlineData(LlmOpsTelemetry.Attributes.AttemptReason, "llmops.attempt.reason")]
    [InlineData(LlmOpsTelemetry.Attributes.RetryDelayMilliseconds, "llmops.retry.delay_ms")]
    [InlineData(LlmOpsTelemetry.Attributes.RetryReason, "llmops.retry.reason")]
    [InlineData(LlmOpsTelemetry.Attributes.FallbackReason, "llmops.fallback.reason")]
    [InlineData(LlmOpsTelemetry.Attributes.HttpResponseStatusCode, "http.response.status_code")]
    [InlineData(LlmOpsTelemetry.Attributes.ErrorType, "error.type")]
    [InlineData(LlmOpsTelemetry.Events.ResilienceAttempt, "llmops.resilience.attempt")]
    [InlineData(LlmOpsTelemetry.Events.ResilienceFallback, "llmops.resilience.fallback")]
    [InlineData(LlmOpsTelemetry.Metrics.ClientRetries, "llmops.client.retries")]
    [InlineData(LlmOpsTelemetry.Metrics.ClientFallbacks, "llmops.client.fallbacks")]
    public void Name_IsPinned(string actual, string expected) => Assert.Equal(expected, actual);
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Resilience;

/// <summary>What one resilience stage reports through: its logger, its counters, its clock and its classifier.</summary>
internal sealed class ResilienceTelemetry
{
    // Without DI there is no IMeterFactory to own a meter: one process-wide meter serves every stage built by hand.
    private static readonly Meter SharedMeter = new(LlmOpsTelemetry.SourceName);

    public ResilienceTelemetry(ILogger logger, IMeterFactory? meterFactory, TimeProvider timeProvider, TransientFaultClassifier classifier)
    {
        Logger = logger;
        TimeProvider = timeProvider;
        Classifier = classifier;
        var meter = meterFactory?.Create(LlmOpsTelemetry.SourceName) ?? SharedMeter;
        Retries = meter.CreateCounter<long>(
            LlmOpsTelemetry.Metrics.ClientRetries, "{retry}", "Attempts of a chat call that were retried, by reason.");
        Fallbacks = meter.CreateCounter<long>(
            LlmOpsTelemetry.Metrics.ClientFallbacks, "{call}", "Chat calls answered by the fallback client, by reason.");
    }

    public ILogger Logger { get; }

    public TimeProvider TimeProvider { get; }

    public TransientFaultClassifier Classifier { get; }

    public Counter<long> Retries { get; }

    public Counter<long> Fallbacks { get; }

    /// <summary>Reports a call whose retries are exhausted or whose circuit is open; returns <paramref name="fallingBack"/>.</summary>
    public bool RecordExhausted(string reason, int attempts, Exception exception, bool fallingBack)
    {
        if (!fallingBack)
        {
            return false; // the caller gets our exception, and the telemetry stage logs the failed call once (302)
        }

        ResilienceLog.FallingBack(Logger, reason, attempts);
        Fallbacks.Add(1, new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.FallbackReason, reason));
        LlmOpsActivity.Current?.AddEvent(new ActivityEvent(
            LlmOpsTelemetry.Events.ResilienceFallback,
            TimeProvider.GetUtcNow(),
            new ActivityTagsCollection
            {
                [LlmOpsTelemetry.Attributes.FallbackReason] = reason,
                [LlmOpsTelemetry.Attributes.ErrorType] = exception.GetType().FullName,
            }));
        return true;
    }
}

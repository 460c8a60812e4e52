using System.Diagnostics.Metrics;
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
}

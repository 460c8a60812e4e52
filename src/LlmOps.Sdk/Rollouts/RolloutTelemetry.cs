using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmOps.Sdk.Rollouts;

/// <summary>The rollouts' span source and decision counter, on the SDK's source and meter name.</summary>
internal sealed class RolloutTelemetry : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public RolloutTelemetry(IMeterFactory? meterFactory)
    {
        Source = new ActivitySource(LlmOpsTelemetry.SourceName);
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(LlmOpsTelemetry.SourceName) ?? new Meter(LlmOpsTelemetry.SourceName);
        Decisions = _meter.CreateCounter<long>(
            RolloutConstants.DecisionsMetric, unit: "{decision}",
            description: "Guarded rollout decisions: a step forward, a halt, a completion, a pause, a resume or an abort.");
    }

    public ActivitySource Source { get; }

    public Counter<long> Decisions { get; }

    public void Dispose()
    {
        Source.Dispose();
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

using System.Diagnostics.Metrics;

namespace LlmOps.Sdk.Capture;

/// <summary>Capture's instruments: calls written, and calls dropped with the reason.</summary>
internal sealed class CaptureMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _written;
    private readonly Counter<long> _dropped;

    public CaptureMetrics(IMeterFactory? meterFactory)
    {
        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(LlmOpsTelemetry.SourceName);
        }
        else
        {
            _meter = new Meter(LlmOpsTelemetry.SourceName);
            _ownsMeter = true;
        }

        _written = _meter.CreateCounter<long>(
            LlmOpsTelemetry.Metrics.CaptureWritten, unit: "{call}", description: "Production calls written to the capture dataset, a file or the registry's database.");
        _dropped = _meter.CreateCounter<long>(
            LlmOpsTelemetry.Metrics.CaptureDropped, unit: "{call}",
            description: "Captured calls dropped: queue full, write failed, or shutdown before written.");
    }

    public void RecordWritten(long count) => _written.Add(count);

    public void RecordDropped(long count, string reason)
    {
        if (count > 0)
        {
            _dropped.Add(count, new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.CaptureDropReason, reason));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

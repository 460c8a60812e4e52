using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmOps.Sdk.Benchmarks.Telemetry;

/// <summary>
/// Listens to spans and metrics the way an OpenTelemetry SDK sampling everything does: every span of the given
/// sources is recorded, every instrument of the given meters is enabled. Callbacks do nothing, so the numbers are
/// the instrumented code's cost, not an exporter's.
/// </summary>
internal sealed class TelemetryListeners : IDisposable
{
    private readonly ActivityListener _spans;
    private readonly MeterListener _metrics;

    public TelemetryListeners(params string[] names)
    {
        var nameSet = new HashSet<string>(names);
        _spans = new ActivityListener
        {
            ShouldListenTo = source => nameSet.Contains(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_spans);
        _metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (nameSet.Contains(instrument.Meter.Name))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _metrics.SetMeasurementEventCallback<int>(static (_, _, _, _) => { });
        _metrics.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        _metrics.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        _metrics.Start();
    }

    public void Dispose()
    {
        _spans.Dispose();
        _metrics.Dispose();
    }
}

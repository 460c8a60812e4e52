using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmOps.Sdk.Tests.Streaming;

/// <summary>Records every span and metric of the SDK, as an OpenTelemetry SDK sampling everything would.</summary>
internal sealed class SdkListeners : IDisposable
{
    private readonly ActivityListener _spans = new()
    {
        ShouldListenTo = source => source.Name == LlmOpsTelemetry.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private readonly MeterListener _metrics = new()
    {
        InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LlmOpsTelemetry.SourceName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        },
    };

    public SdkListeners()
    {
        ActivitySource.AddActivityListener(_spans);
        _metrics.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        _metrics.SetMeasurementEventCallback<int>((_, _, _, _) => { });
        _metrics.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        _metrics.Start();
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _spans.Dispose();
    }
}

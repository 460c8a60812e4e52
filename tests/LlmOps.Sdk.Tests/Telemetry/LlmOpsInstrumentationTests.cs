using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static LlmOps.Sdk.LlmOpsTelemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

public sealed class LlmOpsInstrumentationTests
{
    [Fact]
    public void Cost_Created_HasUnitAndDollarBuckets()
    {
        using var capture = new TelemetryCapture(traces: false);
        using var instrumentation = new LlmOpsInstrumentation(capture.MeterFactory);

        Assert.Equal("{USD}", instrumentation.Cost.Unit);
        Assert.Equal(Metrics.CostBuckets, instrumentation.Cost.Advice?.HistogramBucketBoundaries);
    }

    [Fact]
    public void Dispose_MeterFromFactory_LeftToTheFactory()
    {
        using var capture = new TelemetryCapture(traces: false);
        var instrumentation = new LlmOpsInstrumentation(capture.MeterFactory);
        using var collector = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.Cost);

        instrumentation.Dispose();
        instrumentation.Cost.Record(0.5);

        Assert.Equal(0.5, collector.LastMeasurement?.Value);
    }
}

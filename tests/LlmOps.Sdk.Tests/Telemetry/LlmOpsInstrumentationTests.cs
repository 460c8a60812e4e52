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
    public void Retries_ForTheResilienceStage_RecordsOnTheSameMeter()
    {
        using var capture = new TelemetryCapture(traces: false);
        using var instrumentation = new LlmOpsInstrumentation(capture.MeterFactory);
        using var retries = new MetricCollector<long>(capture.MeterFactory, SourceName, Metrics.Retries);

        instrumentation.Retries.Add(2);

        Assert.Equal(2, retries.LastMeasurement?.Value);
    }

    [Fact]
    public void Dispose_MeterFromFactory_LeftToTheFactory()
    {
        using var capture = new TelemetryCapture(traces: false);
        var instrumentation = new LlmOpsInstrumentation(capture.MeterFactory);
        using var collector = new MetricCollector<long>(capture.MeterFactory, SourceName, Metrics.Retries);

        instrumentation.Dispose();
        instrumentation.Retries.Add(1);

        Assert.Equal(1, collector.LastMeasurement?.Value);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>
/// The real OpenTelemetry SDK, scoped to one test: a tracer and a meter provider with in-memory exporters, a parent
/// span whose trace id keeps only this test's spans, and a meter factory of its own for this test's instruments.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    public const string TestSourceName = "LlmOps.Sdk.Tests";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<Metric> _metrics = new();
    private readonly TracerProvider _tracerProvider;
    private readonly MeterProvider? _meterProvider;
    private readonly ServiceProvider _meterServices;
    private readonly Activity _parent;

    /// <remarks>
    /// The meter provider listens to <paramref name="meterNames"/> only. Our own meter is observed through
    /// <see cref="MeterFactory"/> and <c>MetricCollector</c> instead: an SDK meter provider listens by name to every
    /// <c>LlmOps.Sdk</c> meter of every test running in parallel, and drops instruments it has seen from another one.
    /// </remarks>
    public TelemetryCapture(bool traces = true, string[]? extraSources = null, string[]? meterNames = null)
    {
        _meterServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _meterServices.GetRequiredService<IMeterFactory>();
        var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(TestSourceName).SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(_spans);
        if (traces)
        {
            tracing.AddSource(LlmOpsTelemetry.SourceName).AddSource(extraSources ?? []);
        }

        _tracerProvider = tracing.Build();
        if (meterNames is { Length: > 0 })
        {
            _meterProvider = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(meterNames).AddInMemoryExporter(_metrics).Build();
        }

        _parent = TestSource.StartActivity("test")!; // our tracer provider samples the test source, so it always starts
    }

    /// <summary>Gets a meter factory that only this test uses, for <c>MetricCollector</c>.</summary>
    public IMeterFactory MeterFactory { get; }

    /// <summary>Gets a model id no other test uses, to find this test's metric points among all exported.</summary>
    public string Model { get; } = $"model-{Guid.NewGuid():N}";

    /// <summary>Gets this test's finished spans of <paramref name="sourceName"/>.</summary>
    public IReadOnlyList<Activity> Spans(string sourceName = LlmOpsTelemetry.SourceName)
    {
        _tracerProvider.ForceFlush();
        return [.. _spans.Where(s => s.TraceId == _parent.TraceId && s.Source.Name == sourceName)];
    }

    /// <summary>Gets this test's single span of <paramref name="sourceName"/>.</summary>
    public Activity Span(string sourceName = LlmOpsTelemetry.SourceName)
    {
        var spans = Spans(sourceName);
        Assert.True(spans.Count == 1, $"Expected one span of {sourceName}, found {spans.Count}.");
        return spans[0];
    }

    /// <summary>Gets the exported points of metric <paramref name="name"/> recorded for this test's <see cref="Model"/>.</summary>
    public IReadOnlyList<(Metric Metric, MetricPoint Point)> Points(string name, string meterName)
    {
        // Each flush exports every metric again: keep only the latest export.
        _metrics.Clear();
        _meterProvider!.ForceFlush();
        List<(Metric, MetricPoint)> points = [];
        foreach (var metric in _metrics.Where(m => m.Name == name && m.MeterName == meterName))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == LlmOpsTelemetry.Attributes.RequestModel && Equals(tag.Value, Model))
                    {
                        points.Add((metric, point));
                    }
                }
            }
        }

        return points;
    }

    public void Dispose()
    {
        _parent.Dispose();
        _tracerProvider.Dispose();
        _meterProvider?.Dispose();
        _meterServices.Dispose();
    }
}

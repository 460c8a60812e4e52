using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using LlmOps.Sdk;

/// <summary>
/// Renders the LlmOps spans and metrics readably on the console. A real host uses the OpenTelemetry SDK instead:
/// <c>.WithTracing(t => t.AddSource(LlmOpsTelemetry.SourceName)).WithMetrics(m => m.AddMeter(LlmOpsTelemetry.SourceName))</c>.
/// </summary>
internal sealed class ConsoleTelemetry : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ActivityListener _spans;
    private readonly MeterListener _metrics;

    public ConsoleTelemetry()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == LlmOpsTelemetry.SourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = RenderSpan,
        };
        ActivitySource.AddActivityListener(_spans);

        _metrics = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == LlmOpsTelemetry.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _metrics.SetMeasurementEventCallback<double>((instrument, value, tags, _) => RenderMeasurement(instrument, value, tags));
        _metrics.SetMeasurementEventCallback<int>((instrument, value, tags, _) => RenderMeasurement(instrument, value, tags));
        _metrics.SetMeasurementEventCallback<long>((instrument, value, tags, _) => RenderMeasurement(instrument, value, tags));
        _metrics.Start();
    }

    /// <summary>Prints what was recorded since the last call.</summary>
    public void Flush()
    {
        while (_lines.TryDequeue(out var line))
        {
            Console.WriteLine(line);
        }
    }

    public void Dispose()
    {
        _spans.Dispose();
        _metrics.Dispose();
    }

    private void RenderSpan(Activity span)
    {
        _lines.Enqueue($"  span   {span.DisplayName} ({span.Kind}, {span.Duration.TotalMilliseconds:F1} ms, status {span.Status})");
        foreach (var (key, value) in span.TagObjects)
        {
            _lines.Enqueue($"         {key} = {Format(value)}");
        }

        foreach (var spanEvent in span.Events)
        {
            var tags = string.Join(", ", spanEvent.Tags.Select(static t => $"{t.Key}={Format(t.Value)}"));
            _lines.Enqueue($"         event {spanEvent.Name} [{tags}]");
        }
    }

    private void RenderMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        List<string> dimensions = [];
        foreach (var (key, tagValue) in tags)
        {
            if (key is not "gen_ai.operation.name" and not "gen_ai.provider.name")
            {
                dimensions.Add($"{key}={Format(tagValue)}");
            }
        }

        _lines.Enqueue($"  metric {instrument.Name} = {Format(value)} {instrument.Unit} [{string.Join(", ", dimensions)}]");
    }

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };
}

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
    // Cut longer values (captured messages are JSON of any length) so that each attribute stays on one line.
    private const int ValueWidth = 72;

    // The same on every measurement of a call and printed above it already, so they only lengthen the lines.
    private static readonly HashSet<string> CallDimensions =
    [
        "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model", "gen_ai.response.model",
        "gen_ai.prompt.name", "llmops.prompt.version", "llmops.evaluation.evaluator",
    ];

    private readonly ConcurrentQueue<string> _spanLines = new();
    private readonly ConcurrentQueue<string> _metricLines = new();
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

    /// <summary>Prints the spans, then the metrics, recorded since the last call.</summary>
    public void Flush()
    {
        Print("spans", _spanLines);
        Print("metrics (model and prompt dimensions as above)", _metricLines);
    }

    public void Dispose()
    {
        _spans.Dispose();
        _metrics.Dispose();
    }

    private static void Print(string heading, ConcurrentQueue<string> lines)
    {
        if (lines.IsEmpty)
        {
            return;
        }

        Console.WriteLine($"  {heading}:");
        while (lines.TryDequeue(out var line))
        {
            Console.WriteLine(line);
        }
    }

    private void RenderSpan(Activity span)
    {
        _spanLines.Enqueue($"    {span.DisplayName} ({span.Kind}, {span.Duration.TotalMilliseconds:F1} ms, status {span.Status})");
        foreach (var (key, value) in span.TagObjects)
        {
            _spanLines.Enqueue($"      {key,-32} {Cut(Format(value))}");
        }

        foreach (var spanEvent in span.Events)
        {
            var tags = string.Join(", ", spanEvent.Tags.Select(static t => $"{t.Key}={Format(t.Value)}"));
            _spanLines.Enqueue($"      event {spanEvent.Name,-26} {Cut(tags)}");
        }
    }

    private void RenderMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        List<string> dimensions = [];
        foreach (var (key, tagValue) in tags)
        {
            if (!CallDimensions.Contains(key))
            {
                dimensions.Add($"{key}={Format(tagValue)}");
            }
        }

        var measurement = $"{Format(value)} {instrument.Unit}";
        _metricLines.Enqueue($"    {instrument.Name,-32} {measurement,-16} {string.Join(", ", dimensions)}".TrimEnd());
    }

    private static string Cut(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= ValueWidth ? oneLine : $"{oneLine[..(ValueWidth - 1)]}… ({oneLine.Length} chars)";
    }

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json.Nodes;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry.Metrics;
using static LlmOps.Sdk.LlmOpsTelemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>
/// The same call through <see cref="TelemetryChatClient"/> and through Microsoft.Extensions.AI's
/// <see cref="OpenTelemetryChatClient"/> must give the same <c>gen_ai.*</c> span attributes and metrics, so that
/// dashboards built for one work for the other.
/// </summary>
public sealed class OpenTelemetryChatClientParityTests
{
    private static readonly string[] JsonAttributes =
        [Attributes.InputMessages, Attributes.OutputMessages, Attributes.SystemInstructions, Attributes.ToolDefinitions];

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(true, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, true)]
    public async Task Span_SameCall_SameGenAiAttributes(bool streaming, bool captureContent, bool fail)
    {
        var theirSource = $"parity-{Guid.NewGuid():N}";
        using var capture = new TelemetryCapture(extraSources: [theirSource]);
        var options = RichOptions(capture.Model);
        using var ours = new TelemetryChatClient(Provider(fail), new TelemetryOptions { EnableSensitiveData = captureContent }, meterFactory: capture.MeterFactory);
        using var theirs = new ChatClientBuilder(Provider(fail))
            .UseOpenTelemetry(sourceName: theirSource, configure: c => c.EnableSensitiveData = captureContent).Build();

        await RunIgnoringFaultAsync(ours, streaming, options);
        await RunIgnoringFaultAsync(theirs, streaming, options);

        var ourSpan = capture.Span();
        var theirSpan = capture.Span(theirSource);
        Assert.Equal(theirSpan.DisplayName, ourSpan.DisplayName);
        Assert.Equal(theirSpan.Kind, ourSpan.Kind);
        Assert.Equal(theirSpan.Status, ourSpan.Status);
        Assert.Equal(theirSpan.StatusDescription, ourSpan.StatusDescription);
        var ourTags = ConventionTags(ourSpan);
        var theirTags = ConventionTags(theirSpan);
        Assert.Equal(theirTags.Keys.Order(), ourTags.Keys.Order());
        foreach (var (name, theirValue) in theirTags)
        {
            var ourValue = ourTags[name];
            if (name == Attributes.ResponseTimeToFirstChunk)
            {
                Assert.IsType<double>(ourValue); // a duration: same type, not the same value
            }
            else if (JsonAttributes.Contains(name))
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse((string)theirValue!), JsonNode.Parse((string)ourValue!)), $"{name}: ours {ourValue}, theirs {theirValue}");
            }
            else
            {
                Assert.True(Equals(theirValue, ourValue), $"{name}: ours {ourValue} ({ourValue?.GetType().Name}), theirs {theirValue} ({theirValue?.GetType().Name})");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Metrics_SameCall_SameNamesUnitsBucketsAndTags(bool streaming)
    {
        var theirSource = $"parity-{Guid.NewGuid():N}";
        using var capture = new TelemetryCapture(traces: false, meterNames: [theirSource]);
        var options = new ChatOptions { ModelId = capture.Model };
        using var ours = new TelemetryChatClient(Provider(fail: false), meterFactory: capture.MeterFactory);
        using var theirs = new ChatClientBuilder(Provider(fail: false)).UseOpenTelemetry(sourceName: theirSource).Build();
        using var duration = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.OperationDuration);
        using var tokens = new MetricCollector<int>(capture.MeterFactory, SourceName, Metrics.TokenUsage);
        using var firstChunk = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.TimeToFirstChunk);
        using var perChunk = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.TimePerOutputChunk);

        await ChatCalls.RunAsync(ours, streaming, options);
        await ChatCalls.RunAsync(theirs, streaming, options);

        AssertSameMetric(capture.Points(Metrics.OperationDuration, theirSource), duration);
        AssertSameMetric(capture.Points(Metrics.TokenUsage, theirSource), tokens);
        AssertSameMetric(capture.Points(Metrics.TimeToFirstChunk, theirSource), firstChunk);
        AssertSameMetric(capture.Points(Metrics.TimePerOutputChunk, theirSource), perChunk);
    }

    private static void AssertSameMetric<T>(IReadOnlyList<(Metric Metric, MetricPoint Point)> theirs, MetricCollector<T> ours)
        where T : struct
    {
        var instrument = Assert.IsAssignableFrom<Instrument<T>>(ours.Instrument);
        var name = instrument.Name;
        var ourBounds = instrument.Advice?.HistogramBucketBoundaries?.Select(b => Convert.ToDouble(b, CultureInfo.InvariantCulture));
        var measurements = ours.GetMeasurementSnapshot();
        Assert.Equal(theirs.Sum(p => (long)p.Point.GetHistogramCount()), measurements.Count);
        if (theirs.Count == 0)
        {
            return;
        }

        Assert.Equal(theirs[0].Metric.Unit, instrument.Unit);
        Assert.Equal(Bounds(theirs[0].Point)[..^1], ourBounds ?? []); // the SDK adds +Infinity as the last bound
        Assert.True(
            theirs.Select(p => TagText(p.Point)).Order().SequenceEqual(measurements.Select(m => TagText(m.Tags)).Distinct().Order()),
            $"{name}: ours {string.Join(" | ", measurements.Select(m => TagText(m.Tags)))}, theirs {string.Join(" | ", theirs.Select(p => TagText(p.Point)))}");
    }

    private static ScriptedChatClient Provider(bool fail)
    {
        var provider = new ScriptedChatClient { StreamingChunkCount = 3, Responder = static (_, _) => "Open Settings, then Security." };
        return fail ? provider.EnqueueFault(ScriptedFault.ServiceUnavailable() with { AfterChunks = 1 }) : provider;
    }

    private static ChatOptions RichOptions(string model) => new()
    {
        ModelId = model, Temperature = 0.3f, TopP = 0.8f, TopK = 20, MaxOutputTokens = 100, Seed = 42,
        FrequencyPenalty = 0.1f, PresencePenalty = 0.2f, StopSequences = ["END"], ConversationId = "conversation-7",
        ResponseFormat = ChatResponseFormat.Text, Instructions = "Answer in one sentence.",
        Tools = [AIFunctionFactory.Create(static (string city) => "sunny", "get_weather", "Gets the weather of a city.")],
    };

    private static async Task RunIgnoringFaultAsync(IChatClient client, bool streaming, ChatOptions options)
    {
        try
        {
            await ChatCalls.RunAsync(client, streaming, options);
        }
        catch (System.ClientModel.ClientResultException)
        {
            // The failing cases compare what each client recorded about the failure.
        }
    }

    private static Dictionary<string, object?> ConventionTags(Activity span) =>
        span.TagObjects
            .Where(t => (t.Key.StartsWith("gen_ai.", StringComparison.Ordinal) && t.Key != Attributes.PromptName)
                || t.Key.StartsWith("server.", StringComparison.Ordinal) || t.Key == Attributes.ErrorType)
            .ToDictionary(t => t.Key, t => t.Value);

    private static double[] Bounds(MetricPoint point)
    {
        List<double> bounds = [];
        foreach (var bucket in point.GetHistogramBuckets())
        {
            bounds.Add(bucket.ExplicitBound);
        }

        return [.. bounds];
    }

    private static string TagText(MetricPoint point)
    {
        List<string> tags = [];
        foreach (var tag in point.Tags)
        {
            tags.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(",", tags.Order());
    }

    private static string TagText(IReadOnlyDictionary<string, object?> tags) =>
        string.Join(",", tags.Select(t => $"{t.Key}={t.Value}").Order());
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using static LlmOps.Sdk.LlmOpsTelemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>Tests that need the process to themselves: no other test's listener, no other test's environment.</summary>
[Collection(nameof(TelemetryIsolation))]
public sealed class TelemetryIsolatedTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_SpanNotRecorded_MetricsStillCarryThePrompt(bool streaming)
    {
        // Nobody records spans here (no other test runs alongside): the prompt must reach the metrics without one.
        using var capture = new TelemetryCapture(traces: false);
        using var registry = new PromptRegistry([new InMemoryPromptStore().Add(new PromptVersion("greet", 2, "Hello {{name}}"), "production")]);
        var prompted = new ChatClientBuilder(new ScriptedChatClient()).UseLlmOpsPrompts(registry, new PromptOptions()).Build();
        using var client = new TelemetryChatClient(prompted, meterFactory: capture.MeterFactory);
        using var duration = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.OperationDuration);
        using var firstChunk = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.TimeToFirstChunk);
        Assert.False(client.GetService<ActivitySource>()!.HasListeners(), "Another test's listener is still attached.");

        await ChatCalls.RunAsync(client, streaming, new ChatOptions().WithPrompt("greet", new { name = "Ada" }));

        var call = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(("greet", 2), ((string)call.Tags[Attributes.PromptName]!, (int)call.Tags[Attributes.PromptVersion]!));
        if (streaming)
        {
            var first = Assert.Single(firstChunk.GetMeasurementSnapshot());
            Assert.Equal("greet", first.Tags[Attributes.PromptName]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_SampledOrNot_SameMetricDimensionsAndLogs(bool streaming)
    {
        // A recorded span, a span its sampler drops, and no span listener at all: the span is no channel for metrics.
        var recorded = await RecordPromptedCallAsync(streaming, ActivitySamplingResult.AllDataAndRecorded);
        var dropped = await RecordPromptedCallAsync(streaming, ActivitySamplingResult.None);
        var unheard = await RecordPromptedCallAsync(streaming, sampling: null);

        Assert.Contains(recorded, line => line.StartsWith(Metrics.OperationDuration, StringComparison.Ordinal)
            && line.Contains($"{Attributes.RequestModel}=prompt-model", StringComparison.Ordinal));
        Assert.Equal(string.Join('\n', recorded), string.Join('\n', dropped)); // one string: the failure shows the line that differs
        Assert.Equal(string.Join('\n', recorded), string.Join('\n', unheard));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponseAsync_FailedCallSampledOrNot_SameMetricDimensionsAndLogs(bool streaming)
    {
        var recorded = await RecordPromptedCallAsync(streaming, ActivitySamplingResult.AllDataAndRecorded, fail: true);
        var dropped = await RecordPromptedCallAsync(streaming, ActivitySamplingResult.None, fail: true);
        var unheard = await RecordPromptedCallAsync(streaming, sampling: null, fail: true);

        Assert.Contains(recorded, line => line.StartsWith(Metrics.OperationDuration, StringComparison.Ordinal)
            && line.Contains($"{Attributes.ErrorType}=", StringComparison.Ordinal));
        Assert.Equal(string.Join('\n', recorded), string.Join('\n', dropped));
        Assert.Equal(string.Join('\n', recorded), string.Join('\n', unheard));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ChunkMetricsCollectedFromMidCall_NoTimeToFirstChunkWithoutAStart()
    {
        // Observed at the start (token usage) but with no clock read, because no timed metric was collected then.
        var time = new FakeTimeProvider();
        using var capture = new TelemetryCapture(traces: false);
        using var client = new TelemetryChatClient(
            new ScriptedChatClient(time) { Latency = TimeSpan.FromSeconds(1), StreamingChunkCount = 3 }, meterFactory: capture.MeterFactory, timeProvider: time);
        using var tokens = new MetricCollector<int>(capture.MeterFactory, SourceName, Metrics.TokenUsage);
        Assert.False(client.GetService<ActivitySource>()!.HasListeners(), "Another test's listener is still attached.");
        await using var updates = client.GetStreamingResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model }).GetAsyncEnumerator();
        var first = updates.MoveNextAsync();

        using var firstChunk = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.TimeToFirstChunk);
        using var perChunk = new MetricCollector<double>(capture.MeterFactory, SourceName, Metrics.TimePerOutputChunk);
        time.Advance(TimeSpan.FromSeconds(1));
        var read = await first ? 1 : 0;
        while (await updates.MoveNextAsync())
        {
            read++;
        }

        Assert.Equal(3, read);
        Assert.Empty(firstChunk.GetMeasurementSnapshot()); // there is no start to measure from: no guess
        Assert.Equal([0d, 0d], perChunk.GetMeasurementSnapshot().Select(m => m.Value)); // later chunks are timed from the first
        Assert.Equal(2, tokens.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task GetResponseAsync_NoListener_NoSpanAndNoAllocationOverTheInnerClient()
    {
        var provider = new ScriptedChatClient();
        using var client = new TelemetryChatClient(provider);
        var options = new ChatOptions { ModelId = "unobserved" };
        Assert.False(client.GetService<ActivitySource>()!.HasListeners(), "Another test's listener is still attached.");
        await provider.GetResponseAsync(ChatCalls.Question, options); // warm up both paths
        await client.GetResponseAsync(ChatCalls.Question, options);

        var before = GC.GetAllocatedBytesForCurrentThread();
        _ = provider.GetResponseAsync(ChatCalls.Question, options);
        var raw = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        _ = client.GetResponseAsync(ChatCalls.Question, options);
        var wrapped = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(wrapped <= raw, $"The stage allocated {wrapped - raw} bytes with nobody listening.");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_NoListener_PassesTheInnerStreamThrough()
    {
        var inner = new ScriptedChatClient();
        using var client = new TelemetryChatClient(inner);

        var stream = client.GetStreamingResponseAsync(ChatCalls.Question);
        await foreach (var update in stream)
        {
        }

        Assert.StartsWith(typeof(ScriptedChatClient).FullName!, stream.GetType().FullName!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctor_CaptureUnsetAndEnvironmentVariableTrue_CapturesContent()
    {
        Environment.SetEnvironmentVariable(CaptureMessageContentVariable, "TRUE");
        try
        {
            using var capture = new TelemetryCapture();
            using var client = new TelemetryChatClient(new ScriptedChatClient());

            await client.GetResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model });

            Assert.NotNull(capture.Span().Tag(Attributes.InputMessages));
        }
        finally
        {
            Environment.SetEnvironmentVariable(CaptureMessageContentVariable, null);
        }
    }

    [Fact]
    public async Task Ctor_CaptureUnsetAndNoEnvironmentVariable_CapturesNothing()
    {
        using var capture = new TelemetryCapture();
        using var client = new TelemetryChatClient(new ScriptedChatClient());

        await client.GetResponseAsync(ChatCalls.Question, new ChatOptions { ModelId = capture.Model });

        Assert.Null(capture.Span().Tag(Attributes.InputMessages));
        Assert.Null(capture.Span().Tag(Attributes.OutputMessages));
    }

    [Fact]
    public async Task Metrics_ExportedByOpenTelemetrySdk_ConventionNamesUnitsAndBuckets()
    {
        using var capture = new TelemetryCapture(traces: false, meterNames: [SourceName]);
        var options = new TelemetryOptions { Prices = { [capture.Model] = new ModelPrice { InputPerMillionTokens = 1, OutputPerMillionTokens = 1 } } };
        using var client = new TelemetryChatClient(new ScriptedChatClient(), options);

        await ChatCalls.RunAsync(client, streaming: true, new ChatOptions { ModelId = capture.Model });

        AssertHistogram(capture, Metrics.OperationDuration, "s", Metrics.DurationBuckets, points: 1);
        AssertHistogram(capture, Metrics.TokenUsage, "{token}", [.. Metrics.TokenBuckets.Select(b => (double)b)], points: 2);
        AssertHistogram(capture, Metrics.TimeToFirstChunk, "s", Metrics.DurationBuckets, points: 1);
        AssertHistogram(capture, Metrics.TimePerOutputChunk, "s", Metrics.DurationBuckets, points: 1);
        AssertHistogram(capture, Metrics.Cost, "{USD}", Metrics.CostBuckets, points: 1);
    }

    /// <summary>
    /// Runs one call through the prompt stage, whose prompt asks for <c>prompt-model</c> where the provider's default is
    /// another, and returns every metric record's dimensions and the call's Debug log lines, one string each.
    /// </summary>
    private static async Task<List<string>> RecordPromptedCallAsync(bool streaming, ActivitySamplingResult? sampling, bool fail = false)
    {
        using var listener = sampling is { } result ? ListenWith(result) : null;
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = meters.GetRequiredService<IMeterFactory>();
        var prompt = new PromptVersion("greet", 2, "Hello {{name}}") { Model = new PromptModelSettings { ModelId = "prompt-model" } };
        using var registry = new PromptRegistry([new InMemoryPromptStore().Add(prompt, "production")]);
        var provider = fail ? new ScriptedChatClient().FailCalls(ScriptedFault.ServiceUnavailable(), 1) : new ScriptedChatClient();
        var prompted = new ChatClientBuilder(provider).UseLlmOpsPrompts(registry, new PromptOptions()).Build();
        var price = new ModelPrice { InputPerMillionTokens = 1, OutputPerMillionTokens = 1 };
        var options = new TelemetryOptions { Prices = { ["prompt-model"] = price, [ScriptedChatClient.DefaultModelId] = price } };
        var logs = new FakeLogCollector();
        using var client = new TelemetryChatClient(
            prompted, options, logger: new FakeLogger(logs), meterFactory: meterFactory, timeProvider: new FakeTimeProvider());
        string[] names = [Metrics.OperationDuration, Metrics.Cost, Metrics.TimeToFirstChunk, Metrics.TimePerOutputChunk];
        var collectors = names.Select(name => new MetricCollector<double>(meterFactory, SourceName, name)).ToList();
        using var tokens = new MetricCollector<int>(meterFactory, SourceName, Metrics.TokenUsage);
        Assert.True(client.GetService<ActivitySource>()!.HasListeners() == sampling.HasValue, "Another test's listener is attached.");

        var call = ChatCalls.RunAsync(client, streaming, new ChatOptions().WithPrompt("greet", new { name = "Ada" }));
        if (fail)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => call);
        }
        else
        {
            await call;
        }

        List<string> seen = [];
        foreach (var (name, collector) in names.Zip(collectors))
        {
            seen.AddRange(collector.GetMeasurementSnapshot().Select(m => $"{name}: {Dimensions(m.Tags)} = {m.Value}"));
            collector.Dispose();
        }

        seen.AddRange(tokens.GetMeasurementSnapshot().Select(m => $"{Metrics.TokenUsage}: {Dimensions(m.Tags)} = {m.Value}"));
        seen.AddRange(logs.GetSnapshot().Select(r => $"{r.Id.Id}: {Dimensions(r.StructuredState!)}, exception {r.Exception?.GetType()}"));
        return seen;
    }

    private static string Dimensions<T>(IEnumerable<KeyValuePair<string, T>> tags) =>
        string.Join(", ", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    private static ActivityListener ListenWith(ActivitySamplingResult result)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => result,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static void AssertHistogram(TelemetryCapture capture, string name, string unit, double[] bounds, int points)
    {
        var exported = capture.Points(name, SourceName);
        Assert.True(exported.Count == points, $"{name}: {exported.Count} points, expected {points}.");
        Assert.Equal(unit, exported[0].Metric.Unit);
        List<double> exportedBounds = [];
        foreach (var bucket in exported[0].Point.GetHistogramBuckets())
        {
            exportedBounds.Add(bucket.ExplicitBound);
        }

        Assert.Equal([.. bounds, double.PositiveInfinity], exportedBounds);
    }
}

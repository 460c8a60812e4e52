using System.Diagnostics.Metrics;
using LlmOps.Sdk.Capture;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Capture;

public sealed class CaptureQueueTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task TryEnqueue_QueueFull_DropsAndCountsTheCall()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var dropped = new MetricCollector<long>(Meters, LlmOpsTelemetry.SourceName, "llmops.capture.dropped");
        await using var queue = new CaptureQueue(new CaptureOptions { Path = "x", QueueCapacity = 1 }, new TestCaptureWriter(async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
        }), new CaptureMetrics(Meters), NullLogger.Instance, TimeProvider.System);

        queue.TryEnqueue(Call("1"));
        await started.Task; // the writer holds the first call; the queue has room for one more
        var second = queue.TryEnqueue(Call("2"));
        var third = queue.TryEnqueue(Call("3"));
        release.SetResult();
        await queue.DrainAsync();

        Assert.True(second);
        Assert.False(third);
        Assert.Equal((1, 2), (queue.DroppedCount, queue.WrittenCount));
        var measurement = Assert.Single(dropped.GetMeasurementSnapshot());
        Assert.Equal("queue_full", measurement.Tags["llmops.capture.drop_reason"]);
    }

    [Fact]
    public async Task DrainAsync_CallsQueued_WritesThemAll()
    {
        var written = new List<string>();
        var queue = new CaptureQueue(new CaptureOptions { Path = "x" }, new TestCaptureWriter((calls, _) =>
        {
            lock (written)
            {
                written.AddRange(calls.Select(c => c.ResponseId));
            }

            return ValueTask.CompletedTask;
        }), new CaptureMetrics(Meters), NullLogger.Instance, TimeProvider.System);
        for (var i = 0; i < 100; i++)
        {
            queue.TryEnqueue(Call(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await queue.DrainAsync();

        Assert.Equal(100, written.Count);
        Assert.Equal(0, queue.DroppedCount);
        await queue.DisposeAsync();
    }

    [Fact]
    public async Task DrainAsync_WriterStuckPastTheDrainTimeout_CountsEveryUnwrittenCallAsDropped()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new CaptureQueue(new CaptureOptions { Path = "x", DrainTimeout = TimeSpan.FromSeconds(1) }, new TestCaptureWriter(async (_, token) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, time, token);
        }), new CaptureMetrics(Meters), NullLogger.Instance, time);
        queue.TryEnqueue(Call("1"));
        await started.Task;
        queue.TryEnqueue(Call("2"));
        queue.TryEnqueue(Call("3"));

        var drain = queue.DrainAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        await drain;
        await queue.Stopped;

        Assert.Equal(3, queue.DroppedCount);
        Assert.False(queue.TryEnqueue(Call("4")));
        Assert.Equal(4, queue.DroppedCount);
    }

    [Fact]
    public async Task DrainAsync_CallsQueuedWhileTheWriterWasBusy_WritesThemInOneBatchInOrder()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<string[]>();
        await using var queue = new CaptureQueue(new CaptureOptions { Path = "x" }, new TestCaptureWriter(async (calls, _) =>
        {
            batches.Add([.. calls.Select(c => c.ResponseId)]);
            started.TrySetResult();
            await release.Task;
        }), new CaptureMetrics(Meters), NullLogger.Instance, TimeProvider.System);

        queue.TryEnqueue(Call("0"));
        await started.Task;
        for (var i = 1; i <= 5; i++)
        {
            queue.TryEnqueue(Call(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        release.SetResult();
        await queue.DrainAsync();

        Assert.Equal(["0|", "1|2|3|4|5|"], batches.Select(b => string.Concat(b.Select(id => id + "|"))));
        Assert.Equal(6, queue.WrittenCount);
    }

    [Fact]
    public async Task DrainAsync_WriterThrows_CountsTheBatchAsWriteFailedAndLogsIt()
    {
        using var dropped = new MetricCollector<long>(Meters, LlmOpsTelemetry.SourceName, "llmops.capture.dropped");
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger();
        var queue = new CaptureQueue(new CaptureOptions { Path = "x" }, new TestCaptureWriter(static (_, _) =>
            throw new InvalidOperationException("database down")), new CaptureMetrics(Meters), logger, TimeProvider.System);
        queue.TryEnqueue(Call("1"));

        await queue.DrainAsync();

        Assert.Equal((1, 0), (queue.DroppedCount, queue.WrittenCount));
        Assert.Equal("write_failed", Assert.Single(dropped.GetMeasurementSnapshot()).Tags["llmops.capture.drop_reason"]);
        var log = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("could not be written to the test", log.Message, StringComparison.Ordinal);
        Assert.Equal("database down", log.Exception?.Message);
    }

    private static CapturedCall Call(string id) =>
        new(id, CaptureReasons.Sampled, DateTimeOffset.UnixEpoch, [], new ChatResponse(new ChatMessage(ChatRole.Assistant, "a")));
}

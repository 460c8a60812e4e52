using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Capture;

/// <summary>The bounded queue and the one writer that append captured calls to a dataset file or the registry's database.</summary>
/// <remarks>
/// Thread-safe. Works as the background evaluation queue does: a call that cannot be queued (full queue, shutdown) is
/// dropped, counted in <c>llmops.capture.dropped</c> and logged, never waited for, so capture never slows a call.
/// <see cref="DrainAsync"/> stops taking calls and writes what is queued, for at most the drain timeout. It is not
/// that queue itself: its items are evaluator runs on several workers, with per-worker claim states; captured lines are
/// appended by a single writer, in order. The writer takes what is queued, up to <see cref="CaptureConstants.MaxWriteBatch"/>
/// calls, in one write (one transaction for a database), so a burst costs one round trip, not one per call.
/// </remarks>
internal sealed class CaptureQueue : IAsyncDisposable
{
    private readonly Channel<CapturedCall> _channel;
    private readonly ICaptureWriter _writer;
    private readonly CaptureMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly int _capacity;
    private readonly TimeSpan _drainTimeout;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Lock _gate = new();
    private readonly Task _worker;
    private Task? _drain;
    private long _dropped;
    private long _written;
    private int _overflowing;

    public CaptureQueue(
        CaptureOptions options, ICaptureWriter writer, CaptureMetrics metrics, ILogger logger,
        TimeProvider timeProvider)
    {
        _capacity = options.QueueCapacity;
        _drainTimeout = options.DrainTimeout;
        _writer = writer;
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
        _channel = Channel.CreateBounded<CapturedCall>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails, and the call is dropped and counted here
            SingleReader = true,
        });

        // The writer must not inherit whatever span or context the pipeline happened to be built under.
        using (ExecutionContext.SuppressFlow())
        {
            _worker = Task.Run(WorkAsync);
        }
    }

    /// <summary>Gets how many captured calls were dropped so far, for every reason.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Gets a task that completes when the writer has stopped, after a drain.</summary>
    public Task Stopped => _worker;

    /// <summary>Gets how many captured calls were written so far.</summary>
    public long WrittenCount => Interlocked.Read(ref _written);

    /// <summary>Queues a captured call, or drops and counts it; never waits.</summary>
    public bool TryEnqueue(CapturedCall call)
    {
        if (_channel.Writer.TryWrite(call))
        {
            Volatile.Write(ref _overflowing, 0);
            return true;
        }

        if (Volatile.Read(ref _drain) is not null)
        {
            Drop(1, CaptureConstants.DropReasonShutdown);
            return false;
        }

        Drop(1, CaptureConstants.DropReasonQueueFull);
        // One line per overflow episode, not one per dropped call.
        if (Interlocked.Exchange(ref _overflowing, 1) == 0)
        {
            CaptureLog.QueueFull(_logger, _capacity, DroppedCount);
        }

        return false;
    }

    /// <summary>Stops taking calls and writes what is queued, for at most the drain timeout; counts and logs what is left.</summary>
    public Task DrainAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _drain ??= DrainCoreAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DrainAsync();
        _abandon.Dispose();
    }

    private async Task WorkAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<CapturedCall>(Math.Min(_capacity, CaptureConstants.MaxWriteBatch));
        while (await reader.WaitToReadAsync())
        {
            while (!_abandon.IsCancellationRequested)
            {
                batch.Clear();
                while (batch.Count < CaptureConstants.MaxWriteBatch && reader.TryRead(out var call))
                {
                    batch.Add(call);
                }

                if (batch.Count == 0)
                {
                    break;
                }

                await WriteAsync(batch);
            }

            if (_abandon.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(List<CapturedCall> batch)
    {
        try
        {
            await _writer.WriteAsync(batch, _abandon.Token);
            Interlocked.Add(ref _written, batch.Count);
            _metrics.RecordWritten(batch.Count);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            Drop(batch.Count, CaptureConstants.DropReasonShutdown);
        }
#pragma warning disable CA1031 // a full disk, a removed directory or a database down must not stop capture for good: the calls are counted and logged
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Drop(batch.Count, CaptureConstants.DropReasonWriteFailed);
            CaptureLog.WriteFailed(_logger, batch.Count, _writer.Target, exception);
        }
    }

    private async Task DrainCoreAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        try
        {
            await _worker.WaitAsync(_drainTimeout, _timeProvider, cancellationToken);
            CaptureLog.Drained(_logger);
            return;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // Out of time: stop the writer and count what is still queued as not drained.
        }

        await _abandon.CancelAsync();
        long notDrained = 0;
        while (_channel.Reader.TryRead(out _))
        {
            notDrained++;
        }

        Drop(notDrained, CaptureConstants.DropReasonShutdown);
        CaptureLog.DrainIncomplete(_logger, notDrained, _drainTimeout);
    }

    private void Drop(long count, string reason)
    {
        Interlocked.Add(ref _dropped, count);
        _metrics.RecordDropped(count, reason);
    }
}

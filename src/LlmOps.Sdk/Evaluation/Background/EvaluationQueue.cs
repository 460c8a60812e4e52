using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Evaluation;

/// <summary>The bounded queue and workers that run background evaluations.</summary>
/// <remarks>
/// Thread-safe. Work that cannot be queued (full queue under <see cref="EvaluationOverflowPolicy.DropAndCount"/>, a caller
/// that gives up waiting, shutdown) is counted in <c>llmops.evaluation.dropped</c> and logged, never silently lost.
/// <see cref="DrainAsync"/> stops taking work and waits for what is queued, for at most the drain timeout. Each evaluation
/// ends in one place: a record (span event, score metric, sinks), or a drop, never both.
/// </remarks>
internal sealed class EvaluationQueue : IAsyncDisposable, IDisposable
{
    private readonly Channel<EvaluationWorkItem> _channel;
    private readonly Task[] _workers;
    private readonly WorkerSlot[] _slots;
    private readonly CancellationTokenSource _abandon = new();
    private readonly EvaluationOverflowPolicy _policy;
    private readonly int _capacity;
    private readonly TimeSpan _drainTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly EvaluationMetrics _metrics;
    private readonly bool _ownsMetrics;
    private readonly Lock _gate = new();
    private readonly Lock _takeGate = new();
    private Task? _drain;
    private long _dropped;
    private int _overflowing;
    private bool _abandoned;

    public EvaluationQueue(
        EvaluationOptions options, TimeProvider timeProvider, ILogger logger, EvaluationMetrics metrics, bool ownsMetrics = false)
    {
        _policy = options.OverflowPolicy;
        _capacity = options.QueueCapacity;
        _drainTimeout = options.DrainTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
        _ownsMetrics = ownsMetrics;
        _channel = Channel.CreateBounded<EvaluationWorkItem>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = options.WorkerCount == 1,
        });

        _workers = new Task[options.WorkerCount];
        _slots = new WorkerSlot[options.WorkerCount];
        // Workers must not inherit whatever span or context the pipeline happened to be built under.
        using (ExecutionContext.SuppressFlow())
        {
            for (var i = 0; i < _workers.Length; i++)
            {
                var slot = _slots[i] = new WorkerSlot();
                _workers[i] = Task.Run(() => WorkAsync(slot));
            }
        }
    }

    /// <summary>Gets how many evaluations were dropped so far, for every reason.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Gets how many evaluations wait in the queue.</summary>
    public int PendingCount => _channel.Reader.Count;

    /// <summary>Gets a task that completes when every worker has stopped, after a drain.</summary>
    public Task Stopped => Task.WhenAll(_workers);

    /// <summary>Queues an evaluation, or drops and counts it; waits for room only under <see cref="EvaluationOverflowPolicy.Wait"/>.</summary>
    public ValueTask EnqueueAsync(EvaluationWorkItem item, CancellationToken cancellationToken)
    {
        if (_channel.Writer.TryWrite(item))
        {
            Volatile.Write(ref _overflowing, 0);
            return ValueTask.CompletedTask;
        }

        if (Volatile.Read(ref _drain) is not null)
        {
            Drop(1, EvaluationConstants.DropReasonShutdown);
            EvaluationLog.Dropped(_logger, EvaluationConstants.DropReasonShutdown);
            return ValueTask.CompletedTask;
        }

        if (_policy == EvaluationOverflowPolicy.DropAndCount)
        {
            Drop(1, EvaluationConstants.DropReasonQueueFull);
            // One line per overflow episode, not one per dropped item: a full queue must not flood the logs too.
            if (Interlocked.Exchange(ref _overflowing, 1) == 0)
            {
                EvaluationLog.QueueFull(_logger, _capacity, DroppedCount);
            }

            return ValueTask.CompletedTask;
        }

        return WaitToEnqueueAsync(item, cancellationToken);
    }

    /// <summary>Stops taking work and runs what is queued, for at most the drain timeout; counts and logs what is left.</summary>
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
        if (_ownsMetrics)
        {
            _metrics.Dispose();
        }
    }

    public void Dispose()
    {
        // The workers run on the thread pool, never on the caller's context, so blocking here cannot deadlock.
        DrainAsync().GetAwaiter().GetResult();
        if (_ownsMetrics)
        {
            _metrics.Dispose();
        }
    }

    private async ValueTask WaitToEnqueueAsync(EvaluationWorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(item, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Drop(1, EvaluationConstants.DropReasonCanceled);
            EvaluationLog.Dropped(_logger, EvaluationConstants.DropReasonCanceled);
        }
        catch (ChannelClosedException)
        {
            Drop(1, EvaluationConstants.DropReasonShutdown);
            EvaluationLog.Dropped(_logger, EvaluationConstants.DropReasonShutdown);
        }
    }

    private async Task WorkAsync(WorkerSlot slot)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (TryTake(slot, out var item))
            {
                try
                {
                    await item.Pipeline.RunBackgroundAsync(item, slot, _abandon.Token);
                }
#pragma warning disable CA1031 // RunBackgroundAsync does not throw; a worker must outlive anything that slips through
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    EvaluationLog.EvaluatorFailed(_logger, item.Hook.Name, exception.GetType().FullName ?? "unknown", exception);
                }
                finally
                {
                    slot.End();
                }
            }

            if (_abandon.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Takes the next evaluation and marks it running, unless the drain has given up on the queue.</summary>
    private bool TryTake(WorkerSlot slot, [NotNullWhen(true)] out EvaluationWorkItem? item)
    {
        // One step under the drain's lock: when it gives up, each evaluation is either still queued or marked running,
        // so it counts every one exactly once.
        lock (_takeGate)
        {
            if (!_abandoned && _channel.Reader.TryRead(out item))
            {
                slot.Begin();
                return true;
            }
        }

        item = null;
        return false;
    }

    private async Task DrainCoreAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_workers).WaitAsync(_drainTimeout, _timeProvider, cancellationToken);
            EvaluationLog.Drained(_logger);
            return;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // Out of time: stop the running evaluations and count them, with everything still queued, as not drained.
        }

        // Claim the running evaluations as dropped before canceling them: a worker then writes no record for one, which
        // would count it twice. A running evaluation that is already being published is the worker's, not dropped.
        long notDrained = 0;
        lock (_takeGate)
        {
            _abandoned = true;
            foreach (var slot in _slots)
            {
                notDrained += slot.TryAbandon() ? 1 : 0;
            }

            while (_channel.Reader.TryRead(out _))
            {
                notDrained++;
            }
        }

        await _abandon.CancelAsync();
        Drop(notDrained, EvaluationConstants.DropReasonShutdown);
        EvaluationLog.DrainIncomplete(_logger, notDrained, _drainTimeout);
    }

    private void Drop(long count, string reason)
    {
        Interlocked.Add(ref _dropped, count);
        _metrics.RecordDropped(count, reason);
    }
}

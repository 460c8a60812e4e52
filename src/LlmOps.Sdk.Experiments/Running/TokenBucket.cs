using System.Threading.RateLimiting;

namespace LlmOps.Sdk.Experiments;

/// <summary>A token bucket on an injected <see cref="TimeProvider"/>: refills continuously, serves waiters oldest first, and may be overdrawn.</summary>
/// <remarks>
/// <para>
/// <see cref="TokenBucketRateLimiter"/> reads <see cref="System.Diagnostics.Stopwatch"/> even when replenished by hand
/// (<see href="https://github.com/dotnet/runtime/blob/main/src/libraries/System.Threading.RateLimiting/src/System/Threading/RateLimiting/TokenBucketRateLimiter.cs"/>),
/// so it cannot follow a fake clock; this bucket reads only the <see cref="TimeProvider"/> and sets its timers on it.
/// </para>
/// <para>
/// <see cref="Consume"/> takes tokens after the fact and may leave the bucket below zero, as when a call turns out to
/// have used more tokens than were left: later acquisitions wait until the debt is repaid. Thread-safe.
/// </para>
/// </remarks>
internal sealed class TokenBucket : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly double _capacity;
    private readonly double _tokensPerTick;
    private readonly Queue<Waiter> _waiters = new();
    private readonly ITimer _timer;
    private double _tokens;
    private long _updatedAt;
    private long? _idleSince;
    private long _successfulLeases;
    private long _failedLeases;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="TokenBucket"/> class, full.</summary>
    /// <param name="capacity">The most tokens the bucket holds, and how many it refills per <paramref name="refillPeriod"/>.</param>
    /// <param name="refillPeriod">How long refilling an empty bucket takes.</param>
    /// <param name="timeProvider">The clock.</param>
    public TokenBucket(int capacity, TimeSpan refillPeriod, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _timeProvider = timeProvider;
        _capacity = capacity;
        _tokensPerTick = capacity / (refillPeriod.TotalSeconds * timeProvider.TimestampFrequency);
        _tokens = capacity;
        _updatedAt = timeProvider.GetTimestamp();
        _idleSince = _updatedAt;
        _timer = timeProvider.CreateTimer(static state => ((TokenBucket)state!).ServeWaiters(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc/>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                return _idleSince is { } since ? _timeProvider.GetElapsedTime(since) : null;
            }
        }
    }

    /// <summary>Takes tokens that were used without waiting, overdrawing the bucket if need be.</summary>
    /// <param name="tokens">The tokens used.</param>
    public void Consume(long tokens)
    {
        lock (_gate)
        {
            Refill();
            _tokens -= tokens;
            _idleSince = null;
        }
    }

    /// <inheritdoc/>
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)Math.Floor(Math.Max(0, _tokens)),
                CurrentQueuedCount = _waiters.Count,
                TotalSuccessfulLeases = _successfulLeases,
                TotalFailedLeases = _failedLeases,
            };
        }
    }

    /// <inheritdoc/>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            Refill();
            if (!_disposed && _waiters.Count == 0 && _tokens >= permitCount)
            {
                _tokens -= permitCount;
                _successfulLeases++;
                _idleSince = null;
                return Lease.Acquired;
            }

            _failedLeases++;
            return Lease.Refused;
        }
    }

    /// <inheritdoc/>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, (int)_capacity);
        Waiter waiter;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Refill();
            if (_waiters.Count == 0 && _tokens >= permitCount)
            {
                _tokens -= permitCount;
                _successfulLeases++;
                _idleSince = null;
                return new(Lease.Acquired);
            }

            waiter = new Waiter(permitCount);
            _waiters.Enqueue(waiter);
            _idleSince = null;
            if (_waiters.Count == 1)
            {
                ScheduleLocked();
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            // A canceled waiter stays queued until it reaches the head, where it is skipped.
            waiter.Registration = cancellationToken.Register(static (state, token) => ((Waiter)state!).Completion.TrySetCanceled(token), waiter);
        }

        return new(waiter.Completion.Task);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _disposed = true;
                while (_waiters.TryDequeue(out var waiter))
                {
                    waiter.Completion.TrySetResult(Lease.Refused);
                }
            }

            _timer.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ServeWaiters()
    {
        List<Waiter> served = [];
        lock (_gate)
        {
            Refill();
            while (_waiters.TryPeek(out var head))
            {
                if (head.Completion.Task.IsCompleted)
                {
                    _waiters.Dequeue(); // canceled
                    continue;
                }

                if (_tokens < head.Count)
                {
                    break;
                }

                _waiters.Dequeue();
                _tokens -= head.Count;
                _successfulLeases++;
                served.Add(head);
            }

            ScheduleLocked();
        }

        // Completed outside the lock: continuations run on the thread pool, but a canceled waiter's registration
        // must not be disposed while holding it.
        foreach (var waiter in served)
        {
            if (!waiter.Completion.TrySetResult(Lease.Acquired))
            {
                lock (_gate)
                {
                    _tokens += waiter.Count; // canceled meanwhile: give its tokens back
                }
            }

            waiter.Registration.Dispose();
        }
    }

    private void ScheduleLocked()
    {
        if (_waiters.TryPeek(out var head))
        {
            var missing = head.Count - _tokens;
            var ticks = Math.Max(1, (long)Math.Ceiling(missing / _tokensPerTick));
            _timer.Change(TimeSpan.FromSeconds(ticks / (double)_timeProvider.TimestampFrequency), Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Refill()
    {
        var now = _timeProvider.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + ((now - _updatedAt) * _tokensPerTick));
        _updatedAt = now;
    }

    private sealed class Waiter(int count)
    {
        public int Count { get; } = count;

        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

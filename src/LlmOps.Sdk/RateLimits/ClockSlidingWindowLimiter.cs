using System.Threading.RateLimiting;

namespace LlmOps.Sdk.RateLimits;

/// <summary>A one-minute sliding-window <see cref="RateLimiter"/> on an injected <see cref="TimeProvider"/>, counted in 60 one-second slices.</summary>
/// <remarks>
/// <para>
/// <see cref="SlidingWindowRateLimiter"/> reads <c>Stopwatch</c> even when replenished by hand, so its window cannot
/// follow a fake clock; this one reads only the injected clock, so that tests move time and production code is the same.
/// Permits taken in a slice come back when the slice leaves the window, 60 seconds later, as OpenAI's per-minute limits
/// count them.
/// </para>
/// <para>
/// Thread-safe. <c>AttemptAcquire</c> takes one short lock and allocates nothing. A waiting acquisition retries at
/// each slice boundary until it gets its permits or its token is cancelled; waiters are not served strictly in order.
/// </para>
/// </remarks>
internal sealed class ClockSlidingWindowLimiter : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(acquired: true);
    private static readonly RateLimitLease Refused = new Lease(acquired: false);

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly long[] _slices = new long[RateLimitConstants.SlicesPerMinute];
    private readonly int[] _taken = new int[RateLimitConstants.SlicesPerMinute];
    private long _successful;
    private long _failed;

    public ClockSlidingWindowLimiter(int permitsPerMinute, TimeProvider timeProvider)
    {
        PermitLimit = permitsPerMinute;
        _timeProvider = timeProvider;
        _slices.AsSpan().Fill(long.MinValue);
    }

    /// <summary>Gets the permits one minute allows.</summary>
    public int PermitLimit { get; }

    /// <inheritdoc/>
    public override TimeSpan? IdleDuration => null;

    /// <summary>Takes up to <paramref name="permits"/> without checking the limit: the provider said they are gone.</summary>
    public void Drain(int permits)
    {
        lock (_gate)
        {
            var slice = CurrentSlice();
            var available = PermitLimit - Taken(slice);
            if (available > 0)
            {
                Add(slice, Math.Min(available, permits));
            }
        }
    }

    /// <inheritdoc/>
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = PermitLimit - Taken(CurrentSlice()),
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <inheritdoc/>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, PermitLimit);
        return TryTake(permitCount) ? Granted : Refused;
    }

    /// <inheritdoc/>
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, PermitLimit);
        while (!TryTake(permitCount))
        {
            // Permits only come back when a slice leaves the window, so the next boundary is the first moment to look again.
            var now = _timeProvider.GetUtcNow().UtcTicks;
            var slice = RateLimitConstants.Slice.Ticks;
            await Task.Delay(TimeSpan.FromTicks(slice - (now % slice)), _timeProvider, cancellationToken);
        }

        return Granted;
    }

    private bool TryTake(int permits)
    {
        lock (_gate)
        {
            var slice = CurrentSlice();
            if (permits > 0 && Taken(slice) + permits > PermitLimit)
            {
                _failed++;
                return false;
            }

            Add(slice, permits);
            _successful++;
            return true;
        }
    }

    private long CurrentSlice() => _timeProvider.GetUtcNow().UtcTicks / RateLimitConstants.Slice.Ticks;

    private int Taken(long current)
    {
        var taken = 0;
        var oldest = current - _slices.Length;
        for (var i = 0; i < _slices.Length; i++)
        {
            if (_slices[i] > oldest && _slices[i] <= current)
            {
                taken += _taken[i];
            }
        }

        return taken;
    }

    private void Add(long slice, int permits)
    {
        var i = (int)(slice % _slices.Length);
        if (_slices[i] != slice)
        {
            _slices[i] = slice; // the slice that was here has left the window
            _taken[i] = 0;
        }

        _taken[i] += permits;
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

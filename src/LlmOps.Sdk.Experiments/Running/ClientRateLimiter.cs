using System.Threading.RateLimiting;

namespace LlmOps.Sdk.Experiments;

/// <summary>Keeps the calls to one chat client under a requests-per-minute and a tokens-per-minute limit.</summary>
/// <remarks>
/// Two <see cref="TokenBucketRateLimiter"/>s refilled by timers of the injected <see cref="TimeProvider"/> (the limiters'
/// own timers read the system clock, which tests cannot move). Waiters are served oldest first. Thread-safe.
/// </remarks>
internal sealed class ClientRateLimiter : IDisposable
{
    private readonly TokenBucketRateLimiter? _requests;
    private readonly TokenBucketRateLimiter? _tokens;
    private readonly int _tokenLimit;
    private readonly List<ITimer> _timers = [];

    public ClientRateLimiter(ExperimentRateLimit limit, TimeProvider timeProvider)
    {
        if (limit.RequestsPerMinute is { } requests)
        {
            _requests = CreateBucket(requests, timeProvider);
        }

        if (limit.TokensPerMinute is { } tokens)
        {
            _tokenLimit = tokens;
            _tokens = CreateBucket(tokens, timeProvider);
        }
    }

    /// <summary>Waits for a request permit and for a token budget that is not used up.</summary>
    public async ValueTask BeforeCallAsync(CancellationToken cancellationToken)
    {
        if (_requests is not null)
        {
            using var lease = await _requests.AcquireAsync(1, cancellationToken);
        }

        if (_tokens is not null)
        {
            // One token: the call may start as soon as the budget is not overdrawn; what it really used is taken after.
            using var lease = await _tokens.AcquireAsync(1, cancellationToken);
        }
    }

    /// <summary>Takes the tokens a call used from the budget, waiting for them if the budget is short.</summary>
    /// <remarks>Waiting here holds the worker, so the next calls wait too: the run slows to the quota instead of overdrawing it.</remarks>
    public async ValueTask AfterCallAsync(long usedTokens, CancellationToken cancellationToken)
    {
        if (_tokens is null || usedTokens <= 1)
        {
            return;
        }

        // One token was taken before the call. A single call larger than the whole budget takes the whole budget.
        var remaining = (int)Math.Min(usedTokens - 1, _tokenLimit);
        using var lease = await _tokens.AcquireAsync(remaining, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        _requests?.Dispose();
        _tokens?.Dispose();
    }

    private TokenBucketRateLimiter CreateBucket(int perMinute, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perMinute);

        // Refill evenly over the minute: one permit every 60 s / limit, or several per step when steps would be too short.
        var minute = TimeSpan.FromMinutes(1);
        var stepsPerMinute = (int)Math.Min(perMinute, minute / ExperimentConstants.MinReplenishmentPeriod);
        var period = minute / stepsPerMinute;
        var perStep = Math.Max(1, perMinute / stepsPerMinute);
        var bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perStep,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _timers.Add(timeProvider.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), bucket, period, period));
        return bucket;
    }
}

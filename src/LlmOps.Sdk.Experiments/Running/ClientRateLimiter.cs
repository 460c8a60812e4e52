using System.Threading.RateLimiting;

namespace LlmOps.Sdk.Experiments;

/// <summary>Keeps the calls to one chat client under a requests-per-minute and a tokens-per-minute limit.</summary>
/// <remarks>
/// Two <see cref="TokenBucket"/>s on the injected <see cref="TimeProvider"/>, each refilling its limit over a minute.
/// A call waits for a request permit and for a token budget that is not overdrawn; what it really used is taken after
/// it ends, since nobody knows a response's length in advance. Thread-safe.
/// </remarks>
internal sealed class ClientRateLimiter : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly TokenBucket? _requests;
    private readonly TokenBucket? _tokens;

    public ClientRateLimiter(ExperimentRateLimit limit, TimeProvider timeProvider)
    {
        if (limit.RequestsPerMinute is { } requests)
        {
            _requests = new TokenBucket(requests, Minute, timeProvider);
        }

        if (limit.TokensPerMinute is { } tokens)
        {
            _tokens = new TokenBucket(tokens, Minute, timeProvider);
        }
    }

    /// <summary>Waits for a request permit and for a token budget that is not overdrawn.</summary>
    public async ValueTask BeforeCallAsync(CancellationToken cancellationToken)
    {
        if (_requests is not null)
        {
            using var lease = await _requests.AcquireAsync(1, cancellationToken);
            ThrowIfRefused(lease);
        }

        if (_tokens is not null)
        {
            // One token: the call may start once the budget is not overdrawn; what it really used is taken after.
            using var lease = await _tokens.AcquireAsync(1, cancellationToken);
            ThrowIfRefused(lease);
        }
    }

    /// <summary>Takes the tokens a call used from the budget, beyond the one taken before it; the next calls wait while it is overdrawn.</summary>
    public void AfterCall(long usedTokens)
    {
        if (usedTokens > 1)
        {
            _tokens?.Consume(usedTokens - 1);
        }
    }

    public void Dispose()
    {
        _requests?.Dispose();
        _tokens?.Dispose();
    }

    private static void ThrowIfRefused(RateLimitLease lease)
    {
        if (!lease.IsAcquired)
        {
            throw new OperationCanceledException("The experiment's rate limiter was disposed: the run is over.");
        }
    }
}

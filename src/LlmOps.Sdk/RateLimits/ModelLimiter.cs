using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.RateLimits;

/// <summary>The request and token limiters of the client or of one model, and the pause a provider's 429 asked for.</summary>
/// <remarks>Each limiter is a one-minute sliding window in 60 slices on the injected clock. Thread-safe.</remarks>
internal sealed class ModelLimiter : ProviderFaultListener, IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private long _pausedUntil;

    public ModelLimiter(string name, int? requestsPerMinute, int? tokensPerMinute, TimeProvider timeProvider, ILogger logger)
    {
        Name = name;
        RequestsPerMinute = requestsPerMinute ?? 0;
        TokensPerMinute = tokensPerMinute ?? 0;
        Requests = requestsPerMinute is { } rpm ? new ClockSlidingWindowLimiter(rpm, timeProvider) : null;
        Tokens = tokensPerMinute is { } tpm ? new ClockSlidingWindowLimiter(tpm, timeProvider) : null;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Gets <c>client</c>, or the model id.</summary>
    public string Name { get; }

    public int RequestsPerMinute { get; }

    public int TokensPerMinute { get; }

    public ClockSlidingWindowLimiter? Requests { get; }

    public ClockSlidingWindowLimiter? Tokens { get; }

    /// <summary>Returns how long calls must still wait because the provider said its quota is used up.</summary>
    public TimeSpan PausedFor()
    {
        var until = Volatile.Read(ref _pausedUntil);
        if (until == 0)
        {
            return TimeSpan.Zero; // never paused: no clock read
        }

        var left = _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), until);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Takes permits the call turned out to need beyond its estimate, as far as the window has them.</summary>
    public void Consume(int tokens)
    {
        if (tokens > 0 && Tokens is { } limiter)
        {
            limiter.Drain(tokens);
        }
    }

    /// <inheritdoc/>
    public override void OnFault(Exception exception)
    {
        if (!RateLimitHeaders.TryRead(exception, _timeProvider, out var headers))
        {
            return;
        }

        // The provider's own count wins over ours: drain our windows down to what it says is left. What is drained comes
        // back within the minute; a count of zero pauses calls until the provider's reset instead, which may come sooner.
        Drain(Requests, headers.RemainingRequests);
        Drain(Tokens, headers.RemainingTokens);

        var pause = TimeSpan.Zero;
        if (headers.RemainingRequests == 0)
        {
            pause = Max(pause, headers.ResetRequests ?? headers.RetryAfter ?? RateLimitConstants.DefaultPause);
        }

        if (headers.RemainingTokens == 0)
        {
            pause = Max(pause, headers.ResetTokens ?? headers.RetryAfter ?? RateLimitConstants.DefaultPause);
        }

        if (headers is { RemainingRequests: null, RemainingTokens: null })
        {
            pause = headers.RetryAfter ?? RateLimitConstants.DefaultPause;
        }

        PauseFor(pause);
        RateLimitLog.ProviderThrottled(_logger, Name, headers.RemainingRequests, headers.RemainingTokens, pause);
    }

    /// <summary>Stops calls until <paramref name="pause"/> from now, unless an earlier fault paused them for longer.</summary>
    public void PauseFor(TimeSpan pause)
    {
        if (pause <= TimeSpan.Zero)
        {
            return;
        }

        var until = _timeProvider.GetTimestamp() + (long)(pause.TotalSeconds * _timeProvider.TimestampFrequency);
        long current;
        do
        {
            current = Volatile.Read(ref _pausedUntil);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _pausedUntil, until, current) != current);
    }

    public void Dispose()
    {
        Requests?.Dispose();
        Tokens?.Dispose();
    }

    private static void Drain(ClockSlidingWindowLimiter? limiter, int? remaining)
    {
        if (limiter is null || remaining is not { } left || left == 0)
        {
            return;
        }

        var available = limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;
        if (available > left)
        {
            limiter.Drain((int)(available - left));
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

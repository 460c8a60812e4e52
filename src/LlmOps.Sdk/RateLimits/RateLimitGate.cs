using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using LlmOps.Sdk.Budgets;

namespace LlmOps.Sdk.RateLimits;

/// <summary>Takes a call's request and token permits from the client's and its model's limiters, waiting up to the bound.</summary>
internal sealed class RateLimitGate
{
    private readonly ProviderRateLimiter _limiters;
    private readonly ITokenCounter _tokens;
    private readonly bool _countsTokens;
    private readonly Counter<long> _rejections;

    public RateLimitGate(ProviderRateLimiter limiters, ITokenCounter tokens, Meter meter)
    {
        _limiters = limiters;
        _tokens = tokens;
        _countsTokens = limiters.CountsTokens;
        _rejections = meter.CreateCounter<long>(RateLimitConstants.RejectionsMetric, "{call}", "Calls refused because their rate-limit permits did not come within the wait bound.");
    }

    /// <summary>Waits for the call's permits; returns the tokens taken, so that the real usage can be squared with them.</summary>
    /// <exception cref="RateLimitExceededException">A permit did not come within <see cref="RateLimitOptions.MaxWait"/>.</exception>
    public async ValueTask<RateLimitPermit> AcquireAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, string? model, CancellationToken cancellationToken)
    {
        var modelLimiter = _limiters.ForModel(model);
        var tokens = 0;
        if (_countsTokens)
        {
            tokens = _tokens.CountInputTokens(messages, model) + (options?.MaxOutputTokens ?? _limiters.Options.DefaultMaxOutputTokens);
        }

        // One bound for all the call's permits together, counted from here.
        var start = _limiters.TimeProvider.GetTimestamp();
        if (_limiters.Client is { } client)
        {
            await AcquireAsync(client, tokens, start, cancellationToken);
        }

        if (modelLimiter is not null)
        {
            await AcquireAsync(modelLimiter, tokens, start, cancellationToken);
        }

        return new RateLimitPermit(modelLimiter ?? _limiters.Client, modelLimiter is null ? null : _limiters.Client, tokens);
    }

    private async ValueTask AcquireAsync(ModelLimiter limiter, int tokens, long start, CancellationToken cancellationToken)
    {
        var paused = limiter.PausedFor();
        if (paused > TimeSpan.Zero)
        {
            if (paused > Left(start))
            {
                throw Rejected(limiter, "provider", 0, 1, innerException: null);
            }

            await Task.Delay(paused, _limiters.TimeProvider, cancellationToken);
        }

        if (limiter.Requests is { } requests)
        {
            await TakeAsync(limiter, requests, "requests", limiter.RequestsPerMinute, 1, start, cancellationToken);
        }

        if (limiter.Tokens is { } tokenLimiter && tokens > 0)
        {
            if (tokens > limiter.TokensPerMinute)
            {
                throw Rejected(limiter, "tokens", limiter.TokensPerMinute, tokens, innerException: null,
                    " The call alone needs more tokens than the limit allows in a minute: lower its MaxOutputTokens or its input.");
            }

            await TakeAsync(limiter, tokenLimiter, "tokens", limiter.TokensPerMinute, tokens, start, cancellationToken);
        }
    }

    private async ValueTask TakeAsync(
        ModelLimiter limiter, RateLimiter window, string kind, int limit, int permits, long start, CancellationToken cancellationToken)
    {
        using (var lease = window.AttemptAcquire(permits))
        {
            if (lease.IsAcquired)
            {
                return; // the usual case: no wait, no allocation
            }
        }

        var left = Left(start);
        if (left <= TimeSpan.Zero)
        {
            throw Rejected(limiter, kind, limit, permits, innerException: null);
        }

        RateLimitLease waited;
        using var timeout = new CancellationTokenSource(left, _limiters.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            waited = await window.AcquireAsync(permits, linked.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Rejected(limiter, kind, limit, permits, exception);
        }

        using (waited)
        {
            if (!waited.IsAcquired)
            {
                throw Rejected(limiter, kind, limit, permits, innerException: null);
            }
        }
    }

    private RateLimitExceededException Rejected(ModelLimiter limiter, string kind, int limit, int permits, Exception? innerException, string? extra = null)
    {
        var maxWait = _limiters.Options.MaxWait;
        RateLimitLog.Rejected(_limiters.Logger, limiter.Name, kind, permits, maxWait);
        if (_rejections.Enabled)
        {
            _rejections.Add(1,
                new KeyValuePair<string, object?>(RateLimitConstants.LimiterAttribute, limiter.Name),
                new KeyValuePair<string, object?>(RateLimitConstants.KindAttribute, kind));
        }

        var who = limiter.Name == RateLimitConstants.Client ? "the client" : $"model '{limiter.Name}'";
        var what = kind == "provider"
            ? $"the provider answered 429 for {who} and asked to wait {limiter.PausedFor().TotalSeconds:F1} s, longer than the call may wait ({maxWait.TotalSeconds:F1} s)."
            : $"it needs {permits} {kind} permit(s) of {who}'s limit of {limit} {kind} per minute and none came within {maxWait.TotalSeconds:F1} s.";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"The call was not sent: {what}{extra} Raise LlmOps:RateLimits:MaxWait to wait longer, send fewer calls, or raise the limit if your provider quota allows it.");
        return new RateLimitExceededException(message, innerException)
        {
            Limiter = limiter.Name,
            Kind = kind,
            LimitPerMinute = limit,
            Requested = permits,
            MaxWait = maxWait,
        };
    }

    private TimeSpan Left(long start) => _limiters.Options.MaxWait - _limiters.TimeProvider.GetElapsedTime(start);
}

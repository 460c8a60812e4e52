using System.Diagnostics;
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
    private readonly Counter<long> _reroutes;

    public RateLimitGate(ProviderRateLimiter limiters, ITokenCounter tokens, Meter meter)
    {
        _limiters = limiters;
        _tokens = tokens;
        _countsTokens = limiters.CountsTokens;
        _rejections = meter.CreateCounter<long>(RateLimitConstants.RejectionsMetric, "{call}", "Calls refused because their rate-limit permits did not come within the wait bound.");
        _reroutes = meter.CreateCounter<long>(RateLimitConstants.ReroutesMetric, "{call}", "Calls sent to their fallback model because their model's rate-limit permits did not come within the wait bound.");
    }

    /// <summary>Waits for the call's permits, rerouting it to its fallback model when its model's limit has none; returns the tokens taken, so that the real usage can be squared with them.</summary>
    /// <exception cref="RateLimitExceededException">A permit did not come within <see cref="RateLimitOptions.MaxWait"/>, for the model and for its fallback.</exception>
    public async ValueTask<RateLimitPermit> AcquireAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, string? model, CancellationToken cancellationToken)
    {
        var modelLimiter = _limiters.ForModel(model);
        var tokens = Estimate(messages, options, model);

        // One bound for all the call's permits together, counted from here; a fallback gets what is left of it.
        var start = _limiters.TimeProvider.GetTimestamp();
        if (_limiters.Client is { } client)
        {
            try
            {
                await AcquireAsync(client, tokens, start, cancellationToken);
            }
            catch (RateLimitExceededException exception)
            {
                // No reroute: every model shares the client's limit, so a fallback would find it just as full.
                throw Refused(exception);
            }
        }

        if (modelLimiter is null)
        {
            return new RateLimitPermit(_limiters.Client, null, tokens, FallbackModel: null);
        }

        RateLimitExceededException refused;
        try
        {
            await AcquireAsync(modelLimiter, tokens, start, cancellationToken);
            return new RateLimitPermit(modelLimiter, _limiters.Client, tokens, FallbackModel: null);
        }
        catch (RateLimitExceededException exception)
        {
            refused = exception;
        }

        if (FallbackFor(modelLimiter.Name) is not { } fallback)
        {
            throw Refused(refused);
        }

        return await RerouteAsync(messages, options, modelLimiter.Name, fallback, refused, start, cancellationToken);
    }

    private async ValueTask<RateLimitPermit> RerouteAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, string model, string fallback, RateLimitExceededException refused,
        long start, CancellationToken cancellationToken)
    {
        // The client's permits are already held; only the fallback's own model limit is left to take. Its own fallback is
        // never followed, so that two models naming each other cannot loop.
        var fallbackLimiter = _limiters.ForModel(fallback);
        var tokens = Estimate(messages, options, fallback);
        if (fallbackLimiter is not null)
        {
            try
            {
                await AcquireAsync(fallbackLimiter, tokens, start, cancellationToken);
            }
            catch (RateLimitExceededException exception)
            {
                throw Refused(refused, fallback, exception);
            }
        }

        RateLimitLog.Rerouted(_limiters.Logger, model, refused.Kind, _limiters.Options.MaxWait, fallback);
        if (_reroutes.Enabled)
        {
            _reroutes.Add(1,
                new KeyValuePair<string, object?>(RateLimitConstants.LimiterAttribute, model),
                new KeyValuePair<string, object?>(RateLimitConstants.KindAttribute, refused.Kind),
                new KeyValuePair<string, object?>(RateLimitConstants.FallbackModelAttribute, fallback));
        }

        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(RateLimitConstants.FallbackModelAttribute, fallback);
        }

        return fallbackLimiter is null
            ? new RateLimitPermit(_limiters.Client, null, tokens, fallback)
            : new RateLimitPermit(fallbackLimiter, _limiters.Client, tokens, fallback);
    }

    private string? FallbackFor(string model)
    {
        var options = _limiters.Options;
        var fallback = options.Models.TryGetValue(model, out var limit) && limit?.FallbackModelId is { } own
            ? own
            : options.FallbackModelId;
        return fallback is null || string.Equals(fallback, model, StringComparison.OrdinalIgnoreCase) ? null : fallback;
    }

    private int Estimate(IReadOnlyList<ChatMessage> messages, ChatOptions? options, string? model) => _countsTokens
        ? _tokens.CountInputTokens(messages, model) + (options?.MaxOutputTokens ?? _limiters.Options.DefaultMaxOutputTokens)
        : 0;

    /// <summary>Logs and counts a refusal that reaches the caller.</summary>
    private RateLimitExceededException Refused(RateLimitExceededException exception)
    {
        RateLimitLog.Rejected(_limiters.Logger, exception.Limiter, exception.Kind, exception.Requested, exception.MaxWait);
        if (_rejections.Enabled)
        {
            _rejections.Add(1,
                new KeyValuePair<string, object?>(RateLimitConstants.LimiterAttribute, exception.Limiter),
                new KeyValuePair<string, object?>(RateLimitConstants.KindAttribute, exception.Kind));
        }

        return exception;
    }

    /// <summary>Builds, logs and counts the refusal of a call whose fallback model had no permit either; it names both models.</summary>
    private RateLimitExceededException Refused(RateLimitExceededException refused, string fallback, RateLimitExceededException fallbackRefused)
    {
        var message = string.Create(CultureInfo.InvariantCulture,
            $"The call was not sent: {refused.Reason} Its fallback model '{fallback}' got no permit either: {fallbackRefused.Reason} Raise LlmOps:RateLimits:MaxWait to wait longer, send fewer calls, or raise the limits if your provider quota allows it.");
        return Refused(new RateLimitExceededException(message, fallbackRefused)
        {
            Limiter = refused.Limiter,
            Kind = refused.Kind,
            LimitPerMinute = refused.LimitPerMinute,
            Requested = refused.Requested,
            MaxWait = refused.MaxWait,
            Reason = refused.Reason,
        });
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
        // Logged and counted by the caller once it is sure no fallback answers.
        var maxWait = _limiters.Options.MaxWait;
        var who = limiter.Name == RateLimitConstants.Client ? "the client" : $"model '{limiter.Name}'";
        var what = kind == "provider"
            ? $"the provider answered 429 for {who} and asked to wait {limiter.PausedFor().TotalSeconds:F1} s, longer than the call may wait ({maxWait.TotalSeconds:F1} s)."
            : $"it needs {permits} {kind} permit(s) of {who}'s limit of {limit} {kind} per minute and none came within {maxWait.TotalSeconds:F1} s.";
        var reason = what + extra;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"The call was not sent: {reason} Raise LlmOps:RateLimits:MaxWait to wait longer, send fewer calls, or raise the limit if your provider quota allows it.");
        return new RateLimitExceededException(message, innerException)
        {
            Limiter = limiter.Name,
            Kind = kind,
            LimitPerMinute = limit,
            Requested = permits,
            MaxWait = maxWait,
            Reason = reason,
        };
    }

    private TimeSpan Left(long start) => _limiters.Options.MaxWait - _limiters.TimeProvider.GetElapsedTime(start);
}

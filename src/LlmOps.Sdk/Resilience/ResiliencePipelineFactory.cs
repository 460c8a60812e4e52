using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace LlmOps.Sdk.Resilience;

/// <summary>Builds the Polly v8 pipeline of the resilience stage from <see cref="ResilienceOptions"/>.</summary>
/// <remarks>
/// Outermost first: total timeout, retry, circuit breaker, attempt timeout; the order of the standard HTTP pipeline.
/// The breaker sits inside the retry so that it counts each attempt, and an open circuit is not retried.
/// </remarks>
internal static class ResiliencePipelineFactory
{
    /// <summary>The provider's requested wait that did not fit in what was left of the total timeout, when that ended the call.</summary>
    public static readonly ResiliencePropertyKey<TimeSpan> WaitBeyondBudget = new("LlmOps.Sdk.Resilience.WaitBeyondBudget");

    /// <summary>Tells whether the options build a pipeline of retries alone, which does nothing to an attempt that succeeds.</summary>
    public static bool IsRetryOnly(ResilienceOptions options) =>
        options.TotalTimeout is null && options.AttemptTimeout is null && options.CircuitBreaker is not { Enabled: true };

    public static ResiliencePipeline Create(ResilienceOptions options, TimeProvider timeProvider, Func<double>? randomizer = null)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        Configure(builder, options, timeProvider, randomizer);
        return builder.Build();
    }

    public static void Configure(
        ResiliencePipelineBuilder builder, ResilienceOptions options, TimeProvider timeProvider, Func<double>? randomizer = null)
    {
        var classifier = new TransientFaultClassifier(options.IsTransient, timeProvider);
        var shouldHandle = new Func<Exception, bool>(classifier.IsTransient);

        if (options.TotalTimeout is { } totalTimeout)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "TotalTimeout", Timeout = totalTimeout });
        }

        if (options.MaxRetryAttempts > 0)
        {
            var maxRetryAfter = options.MaxRetryAfter;
            var callBudget = options.TotalTimeout;
            var retry = new RetryStrategyOptions
            {
                Name = "Retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                UseJitter = options.UseJitter,
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Exception is { } e && shouldHandle(e) &&
                    !WaitOutlastsBudget(args.Context, e, classifier, maxRetryAfter, callBudget, timeProvider)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RequestedDelay(args.Outcome.Exception, classifier, maxRetryAfter)),
                OnRetry = static args =>
                {
                    AttemptLog.RetryScheduled(args.Context, args.RetryDelay);
                    return default;
                },
            };
            if (randomizer is not null)
            {
                retry.Randomizer = randomizer;
            }

            builder.AddRetry(retry);
        }

        if (options.CircuitBreaker is { Enabled: true } breaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                Name = "CircuitBreaker",
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is { } e && shouldHandle(e)),
            });
        }

        if (options.AttemptTimeout is { } attemptTimeout)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = attemptTimeout });
        }
    }

    /// <summary>
    /// Tells whether the provider asked for a wait that the total timeout would cut short: waiting would only end in that
    /// timeout, so the call fails now, with the provider's own error, and the fallback (if any) answers at once.
    /// </summary>
    private static bool WaitOutlastsBudget(
        ResilienceContext context, Exception exception, TransientFaultClassifier classifier, TimeSpan maxRetryAfter,
        TimeSpan? totalTimeout, TimeProvider timeProvider)
    {
        if (totalTimeout is not { } budget ||
            !AttemptLog.TryGet(context, out var log) || log.CallStartedAt == 0 ||
            RequestedDelay(exception, classifier, maxRetryAfter) is not { } wait)
        {
            return false;
        }

        if (wait < budget - timeProvider.GetElapsedTime(log.CallStartedAt))
        {
            return false;
        }

        context.Properties.Set(WaitBeyondBudget, wait);
        return true;
    }

    /// <summary>Returns the provider's requested wait, capped; <see langword="null"/> lets the backoff decide.</summary>
    private static TimeSpan? RequestedDelay(Exception? exception, TransientFaultClassifier classifier, TimeSpan maxRetryAfter) =>
        exception is not null && classifier.Classify(exception).RetryAfter is { } requested
            ? (requested < maxRetryAfter ? requested : maxRetryAfter)
            : null;
}

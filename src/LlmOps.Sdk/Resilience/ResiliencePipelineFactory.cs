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
            var retry = new RetryStrategyOptions
            {
                Name = "Retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                UseJitter = options.UseJitter,
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is { } e && shouldHandle(e)),
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

    /// <summary>Returns the provider's requested wait, capped; <see langword="null"/> lets the backoff decide.</summary>
    private static TimeSpan? RequestedDelay(Exception? exception, TransientFaultClassifier classifier, TimeSpan maxRetryAfter) =>
        exception is not null && classifier.Classify(exception).RetryAfter is { } requested
            ? (requested < maxRetryAfter ? requested : maxRetryAfter)
            : null;
}

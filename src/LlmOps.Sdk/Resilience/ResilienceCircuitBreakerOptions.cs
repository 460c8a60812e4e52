using System.ComponentModel.DataAnnotations;
using LlmOps.Sdk.Validation;

namespace LlmOps.Sdk.Resilience;

/// <summary>Settings for the circuit breaker, which fails calls fast while a provider keeps failing.</summary>
/// <remarks>
/// There is one circuit per decorated chat client. It counts attempts, not calls, and only transient failures: a bad
/// request says nothing about the provider's health. While the circuit is open, calls go to the fallback client, if any.
/// </remarks>
public sealed class ResilienceCircuitBreakerOptions
{
    /// <summary>Gets or sets whether the circuit breaker is used.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the share of failed attempts at which the circuit opens.</summary>
    /// <value>From 0.01 to 1. The default is 0.5.</value>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = ResilienceConstants.DefaultFailureRatio;

    /// <summary>Gets or sets how many attempts the sampling window needs before the circuit may open.</summary>
    /// <value>From 2 to 10000. The default is 20.</value>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = ResilienceConstants.DefaultMinimumThroughput;

    /// <summary>Gets or sets the window over which the failure ratio is measured.</summary>
    /// <value>From 0.5 seconds to 1 day. The default is 30 seconds.</value>
    [TimeSpanRange(ResilienceConstants.MinCircuitDuration, ResilienceConstants.MaxTimeoutLimit)]
    public TimeSpan SamplingDuration { get; set; } = ResilienceConstants.DefaultSamplingDuration;

    /// <summary>Gets or sets how long the circuit stays open before one trial attempt is let through.</summary>
    /// <value>From 0.5 seconds to 1 day. The default is 15 seconds.</value>
    [TimeSpanRange(ResilienceConstants.MinCircuitDuration, ResilienceConstants.MaxTimeoutLimit)]
    public TimeSpan BreakDuration { get; set; } = ResilienceConstants.DefaultBreakDuration;
}

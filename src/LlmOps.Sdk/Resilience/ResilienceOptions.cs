using System.ComponentModel.DataAnnotations;
using LlmOps.Sdk.Validation;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Resilience;

/// <summary>Settings for retrying transient provider faults, timeouts, the circuit breaker and the fallback client.</summary>
/// <remarks>
/// The defaults retry HTTP 408, 429, 500, 502, 503 and 504, network failures and timeouts up to 3 times with exponential
/// backoff and jitter (1, 2, 4 s, capped at 30 s), honour <c>Retry-After</c> up to 60 s, give each attempt 100 s and the
/// whole call 5 minutes, and open the circuit when half of at least 20 attempts in 30 s fail.
/// </remarks>
public sealed class ResilienceOptions
{
    /// <summary>Gets or sets whether the resilience stage is part of the pipeline.</summary>
    /// <value>The default is <see langword="true"/>: with <c>AddLlmOps</c>, transient faults are retried unless you turn this off.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how many times a failed call is retried after its first attempt.</summary>
    /// <value>From 0 (no retry) to 10. The default is 3.</value>
    [Range(0, ResilienceConstants.MaxRetryAttemptsLimit)]
    public int MaxRetryAttempts { get; set; } = ResilienceConstants.DefaultMaxRetryAttempts;

    /// <summary>Gets or sets the delay before the first retry; each further retry doubles it.</summary>
    /// <value>From 0 to 10 minutes. The default is 1 second.</value>
    [TimeSpanRange("00:00:00", ResilienceConstants.MaxDelayLimit)]
    public TimeSpan BaseDelay { get; set; } = ResilienceConstants.DefaultBaseDelay;

    /// <summary>Gets or sets the longest computed backoff delay.</summary>
    /// <value>From 0 to 10 minutes, and at least <see cref="BaseDelay"/>. The default is 30 seconds.</value>
    [TimeSpanRange("00:00:00", ResilienceConstants.MaxDelayLimit)]
    public TimeSpan MaxDelay { get; set; } = ResilienceConstants.DefaultMaxDelay;

    /// <summary>Gets or sets whether backoff delays are randomised, so that many clients do not retry in lockstep.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>Gets or sets the longest wait honoured from a provider's <c>Retry-After</c> or <c>retry-after-ms</c> header.</summary>
    /// <remarks>A longer requested wait is cut to this value. A requested wait replaces the computed backoff.</remarks>
    /// <value>From 0 to 10 minutes. The default is 60 seconds.</value>
    [TimeSpanRange("00:00:00", ResilienceConstants.MaxDelayLimit)]
    public TimeSpan MaxRetryAfter { get; set; } = ResilienceConstants.DefaultMaxRetryAfter;

    /// <summary>Gets or sets how long one attempt may take; a streaming attempt lasts until its first update.</summary>
    /// <value>From 10 milliseconds to 1 day, or <see langword="null"/> for none. The default is 100 seconds.</value>
    [TimeSpanRange(ResilienceConstants.MinTimeout, ResilienceConstants.MaxTimeoutLimit)]
    public TimeSpan? AttemptTimeout { get; set; } = ResilienceConstants.DefaultAttemptTimeout;

    /// <summary>Gets or sets how long the whole call may take, retries and their delays included; a streaming call, until its first update.</summary>
    /// <value>From 10 milliseconds to 1 day, or <see langword="null"/> for none. The default is 5 minutes.</value>
    [TimeSpanRange(ResilienceConstants.MinTimeout, ResilienceConstants.MaxTimeoutLimit)]
    public TimeSpan? TotalTimeout { get; set; } = ResilienceConstants.DefaultTotalTimeout;

    /// <summary>Gets or sets the circuit breaker that stops calling a provider that keeps failing.</summary>
    [Required]
    [ValidateObjectMembers]
    public ResilienceCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Gets or sets the key of a keyed <see cref="IChatClient"/> that answers when retries are exhausted or the circuit is open.</summary>
    /// <remarks>Register it with <c>services.AddKeyedChatClient(key, ...)</c>. The fallback is called once, without retries of its own.</remarks>
    /// <value>The default is <see langword="null"/>: no fallback.</value>
    public string? FallbackClientKey { get; set; }

    /// <summary>Gets or sets a classifier for exceptions the built-in rules do not know, such as another provider SDK's.</summary>
    /// <remarks>
    /// Return <see langword="true"/> to retry, <see langword="false"/> never to retry, or <see langword="null"/> to apply the
    /// built-in rules. It is asked first, for every failure. The caller's own cancellation is never retried, whatever it returns.
    /// </remarks>
    /// <value>The default is <see langword="null"/>: the built-in rules only.</value>
    public Func<Exception, bool?>? IsTransient { get; set; }
}

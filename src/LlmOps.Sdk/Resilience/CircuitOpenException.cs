namespace LlmOps.Sdk.Resilience;

/// <summary>Reports a chat call stopped by the open circuit breaker of its provider.</summary>
/// <remarks>
/// The circuit opens when too many attempts fail (<c>LlmOps:Resilience:CircuitBreaker</c>); while it is open, calls fail
/// at once instead of waiting on a provider that is down. The inner exception is the provider's last error: this call's
/// own, when one of its attempts failed before the circuit opened, else the one that opened it.
/// </remarks>
public sealed class CircuitOpenException : ResilienceException
{
    /// <summary>Initializes a new instance of the <see cref="CircuitOpenException"/> class.</summary>
    public CircuitOpenException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CircuitOpenException"/> class with a message.</summary>
    /// <param name="message">What happened and what to do.</param>
    public CircuitOpenException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CircuitOpenException"/> class with a message and its cause.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The provider's last error.</param>
    public CircuitOpenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a call that made <paramref name="attemptCount"/> attempts before the circuit stopped it.</summary>
    internal static CircuitOpenException Create(int attemptCount, Exception? lastError)
    {
        var what = attemptCount == 0
            ? "The chat call was not sent: the circuit breaker is open because the provider failed too often."
            : $"The chat call failed after {attemptCount} attempt(s), and the circuit breaker opened before it could retry: " +
              "the provider fails too often.";
        return new CircuitOpenException(
            what + " The circuit lets a trial call through after LlmOps:Resilience:CircuitBreaker:BreakDuration. Try again " +
            "later, or set LlmOps:Resilience:FallbackClientKey to answer from another client meanwhile." +
            (lastError is null ? "" : " The provider's last error is the inner exception."),
            lastError)
        {
            AttemptCount = attemptCount,
            Reason = FaultReasons.CircuitOpen,
        };
    }
}

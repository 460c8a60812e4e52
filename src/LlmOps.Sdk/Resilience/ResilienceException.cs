namespace LlmOps.Sdk.Resilience;

/// <summary>Reports a chat call that the resilience stage gave up on; the provider's last error is the inner exception.</summary>
/// <remarks>
/// Catch it to handle an unavailable provider whatever the cause: <see cref="RetriesExhaustedException"/> when every
/// attempt failed, <see cref="CircuitOpenException"/> when the circuit breaker stopped the call. Neither is raised when
/// a fallback client answered, for an error that no retry can fix (HTTP 400, 401, an exhausted quota: those surface as
/// the provider raised them), or for the caller's own cancellation, which surfaces as an
/// <see cref="OperationCanceledException"/>.
/// </remarks>
public abstract class ResilienceException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ResilienceException"/> class.</summary>
    protected ResilienceException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ResilienceException"/> class with a message.</summary>
    /// <param name="message">What happened and what to do.</param>
    protected ResilienceException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ResilienceException"/> class with a message and its cause.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The provider's last error.</param>
    protected ResilienceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets how many attempts of the call reached the provider.</summary>
    /// <value>0 when the circuit was already open and nothing was sent.</value>
    public int AttemptCount { get; init; }

    /// <summary>Gets why the call ended, as recorded on the span and metrics: <c>http_503</c>, <c>timeout</c>, <c>network</c>, <c>circuit_open</c>, …</summary>
    public string Reason { get; init; } = "";
}

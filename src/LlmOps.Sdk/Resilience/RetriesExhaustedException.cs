namespace LlmOps.Sdk.Resilience;

/// <summary>Reports a chat call whose every attempt failed with a transient fault; the provider's last error is the inner exception.</summary>
/// <remarks>
/// Raised when the retries are used up, when the total timeout ends the call, or when the provider asked for a wait
/// longer than the time left, and no fallback client is configured.
/// </remarks>
public sealed class RetriesExhaustedException : ResilienceException
{
    /// <summary>Initializes a new instance of the <see cref="RetriesExhaustedException"/> class.</summary>
    public RetriesExhaustedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RetriesExhaustedException"/> class with a message.</summary>
    /// <param name="message">What happened and what to do.</param>
    public RetriesExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RetriesExhaustedException"/> class with a message and its cause.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The provider's last error.</param>
    public RetriesExhaustedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a call that made <paramref name="attemptCount"/> attempts.</summary>
    internal static RetriesExhaustedException Create(int attemptCount, string reason, Exception lastError) => new(
        $"The chat call failed after {attemptCount} attempt(s); the last one failed with {reason}, which is transient, but no " +
        "retry is left. The provider's last error is the inner exception. Try again later, or allow more with " +
        "LlmOps:Resilience:MaxRetryAttempts and TotalTimeout, or set LlmOps:Resilience:FallbackClientKey to answer from " +
        "another client.",
        lastError)
    {
        AttemptCount = attemptCount,
        Reason = reason,
    };
}

namespace LlmOps.Sdk.RateLimits;

/// <summary>Reports a chat call that could not get its rate-limit permits within the wait bound; nothing was sent.</summary>
public sealed class RateLimitExceededException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RateLimitExceededException"/> class.</summary>
    public RateLimitExceededException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RateLimitExceededException"/> class with a message.</summary>
    /// <param name="message">What happened and what to do.</param>
    public RateLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RateLimitExceededException"/> class with a message and its cause.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public RateLimitExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets whose limit stopped the call: <c>client</c>, or a model id.</summary>
    public string Limiter { get; init; } = "";

    /// <summary>Gets which limit stopped the call: <c>requests</c>, <c>tokens</c>, or <c>provider</c> when the provider's 429 paused calls.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Gets the limit per minute, or 0 for a provider pause.</summary>
    public int LimitPerMinute { get; init; }

    /// <summary>Gets the permits the call asked for.</summary>
    public int Requested { get; init; }

    /// <summary>Gets how long the call could wait.</summary>
    public TimeSpan MaxWait { get; init; }

    /// <summary>Gets why the permit did not come, as one sentence, so that a fallback's refusal can name both models.</summary>
    internal string Reason { get; init; } = "";
}

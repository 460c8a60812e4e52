using System.ComponentModel.DataAnnotations;

namespace LlmOps.Sdk.Resilience;

/// <summary>Settings for retrying transient provider faults.</summary>
public sealed class ResilienceOptions
{
    /// <summary>Gets or sets how many times a failed call is retried after its first attempt.</summary>
    /// <value>From 0 (no retry) to 10. The default is 3.</value>
    [Range(0, ResilienceConstants.MaxRetryAttemptsLimit)]
    public int MaxRetryAttempts { get; set; } = ResilienceConstants.DefaultMaxRetryAttempts;
}

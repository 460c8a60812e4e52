namespace LlmOps.Sdk.Resilience;

/// <summary>The defaults of the resilience stage, in one place.</summary>
internal static class ResilienceConstants
{
    public const int DefaultMaxRetryAttempts = 3;
    public const int MaxRetryAttemptsLimit = 10;
}

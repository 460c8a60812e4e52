namespace LlmOps.Sdk.RateLimits;

/// <summary>Settings for provider rate limits.</summary>
public sealed class RateLimitOptions
{
}

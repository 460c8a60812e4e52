namespace LlmOps.Sdk.Caching;

/// <summary>Settings for the response cache stage.</summary>
public sealed class ResponseCacheOptions
{
}

namespace LlmOps.Sdk.Caching;

/// <summary>Reads the mark the response cache stage puts on an answer it served.</summary>
internal static class ResponseCacheMark
{
    /// <summary>Gets whether <paramref name="response"/> came from the cache; one lookup, none when it has no properties.</summary>
    public static bool IsHit(ChatResponse response) =>
        response.AdditionalProperties is { } properties
        && properties.TryGetValue(ResponseCacheConstants.HitKey, out var hit) && hit is true;
}

namespace LlmOps.Sdk.Caching;

/// <summary>Turns a cached response back into a stream.</summary>
internal static class ResponseReplay
{
    /// <summary>Returns the updates that assemble into <paramref name="response"/>, the first one marked as a cache hit.</summary>
    /// <remarks>
    /// A stream is stored as the response it assembles into, so a replay is one update per message plus one for the
    /// usage, not the provider's original chunks: the same text, finish reason, model, ids and usage, sooner.
    /// </remarks>
    public static ChatResponseUpdate[] ToUpdates(ChatResponse response)
    {
        var updates = response.ToChatResponseUpdates();
        if (updates.Length > 0)
        {
            (updates[0].AdditionalProperties ??= [])[ResponseCacheConstants.HitKey] = true;
        }

        return updates;
    }
}

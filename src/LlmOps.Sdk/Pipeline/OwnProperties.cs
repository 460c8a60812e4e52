namespace LlmOps.Sdk.Pipeline;

/// <summary>The <see cref="ChatOptions.AdditionalProperties"/> entries that steer our own stages and mean nothing to a provider.</summary>
/// <remarks>
/// Stages hand per-call data to the stages below them under keys that start with <see cref="Prefix"/>: the prompt
/// reference, the cache directive, the budget key, the rate limiter's fault listener. None changes the answer, so none
/// is part of a cache key, and none may reach the provider, which could send it as a request parameter.
/// </remarks>
internal static class OwnProperties
{
    /// <summary>The prefix of every key of ours: <c>llmops.</c>.</summary>
    public const string Prefix = "llmops.";

    /// <summary>Tells whether <paramref name="key"/> is one of ours.</summary>
    public static bool IsOwn(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Returns <paramref name="options"/> as they are when they carry no key of ours, else a copy without those keys.</summary>
    /// <remarks>The caller's options are never changed: they may be shared by calls running at the same time.</remarks>
    public static ChatOptions? Without(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { Count: > 0 } properties || !HasAny(properties))
        {
            return options; // the common case: no copy, no allocation
        }

        // Clone copies the dictionary already: trimming that copy saves a second one.
        var copy = options.Clone();
        var kept = copy.AdditionalProperties!; // cloned from the non-empty properties above
        foreach (var (key, _) in properties)
        {
            if (IsOwn(key))
            {
                kept.Remove(key);
            }
        }

        if (kept.Count == 0)
        {
            copy.AdditionalProperties = null;
        }

        return copy;
    }

    private static bool HasAny(AdditionalPropertiesDictionary properties)
    {
        foreach (var (key, _) in properties)
        {
            if (IsOwn(key))
            {
                return true;
            }
        }

        return false;
    }
}

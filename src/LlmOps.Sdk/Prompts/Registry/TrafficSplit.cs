namespace LlmOps.Sdk.Prompts;

/// <summary>Picks one target of a weighted label: the same one for the same key, uniformly across keys.</summary>
internal static class TrafficSplit
{
    /// <summary>Returns the index of the chosen target.</summary>
    public static int Choose(PromptVersionWeight[] targets, string name, string label, string? key)
    {
        if (targets.Length == 1)
        {
            return 0;
        }

        var total = 0d;
        foreach (var target in targets)
        {
            total += target.Weight;
        }

        // No key: no stickiness to keep, so any uniform draw will do.
        var point = (key is null ? Random.Shared.NextDouble() : UnitInterval(name, label, key)) * total;
        for (var i = 0; i < targets.Length - 1; i++)
        {
            point -= targets[i].Weight;
            if (point < 0)
            {
                return i;
            }
        }

        return targets.Length - 1;
    }

    /// <summary>Maps (name, label, key) to [0, 1): FNV-1a over the characters, then the SplitMix64 finaliser for avalanche.</summary>
    /// <remarks>Stable across processes and .NET versions, unlike <see cref="string.GetHashCode()"/>.</remarks>
    internal static double UnitInterval(string name, string label, string key)
    {
        var hash = 14695981039346656037UL;
        hash = Mix(hash, name);
        hash = Mix(hash, label);
        hash = Mix(hash, key);
        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (hash ^ 0xFFFF) * 1099511628211UL; // a separator, so ("ab", "c") and ("a", "bc") differ
    }
}

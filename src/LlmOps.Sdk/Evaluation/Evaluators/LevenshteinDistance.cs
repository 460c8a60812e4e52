namespace LlmOps.Sdk.Evaluation;

/// <summary>Levenshtein edit distance over Unicode scalar values, so that a character outside the BMP counts once.</summary>
internal static class LevenshteinDistance
{
    public static int Compute(string source, string target)
    {
        var a = ToScalars(source);
        var b = ToScalars(target);
        if (a.Length == 0)
        {
            return b.Length;
        }

        if (b.Length == 0)
        {
            return a.Length;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>1 − distance / length of the longer string: 1 for equal strings (two empty ones included), 0 for nothing in common.</summary>
    public static double Similarity(string source, string target)
    {
        var longer = Math.Max(CountScalars(source), CountScalars(target));
        return longer == 0 ? 1.0 : 1.0 - ((double)Compute(source, target) / longer);
    }

    public static int CountScalars(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static int[] ToScalars(string text)
    {
        var scalars = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            scalars.Add(rune.Value);
        }

        return [.. scalars];
    }
}

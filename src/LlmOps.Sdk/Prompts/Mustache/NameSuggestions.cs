namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Finds the existing name nearest to a mistyped one, for error messages.</summary>
internal static class NameSuggestions
{
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Past a third of the name, a suggestion is more likely to mislead than to help.
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    // Case does not count: "Name" is the nearest name to "name". Only error messages get here, so the copies are fine.
    private static int Distance(string a, string b) =>
        Evaluation.LevenshteinDistance.Compute(a.ToUpperInvariant(), b.ToUpperInvariant());
}

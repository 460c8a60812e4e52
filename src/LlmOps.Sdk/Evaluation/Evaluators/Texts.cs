namespace LlmOps.Sdk.Evaluation;

/// <summary>Argument checks and wording shared by the contains evaluators.</summary>
internal static class Texts
{
    public static string[] Check(IEnumerable<string> texts, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(texts, parameterName);
        string[] copy = [.. texts];
        if (copy.Length == 0)
        {
            throw new ArgumentException("Give at least one text to look for.", parameterName);
        }

        foreach (var text in copy)
        {
            if (string.IsNullOrEmpty(text))
            {
                throw new ArgumentException("A text to look for is null or empty; remove it.", parameterName);
            }
        }

        return copy;
    }

    /// <summary>Returns the texts the response contains, or lacks; <see langword="null"/> when there are none.</summary>
    public static List<string>? Matching(string response, string[] texts, StringComparison comparison, bool contained)
    {
        List<string>? matching = null;
        foreach (var text in texts)
        {
            if (response.Contains(text, comparison) == contained)
            {
                (matching ??= []).Add(text);
            }
        }

        return matching;
    }

    public static string Quote(IEnumerable<string> texts) => string.Join(", ", texts.Select(static text => $"'{text}'"));
}

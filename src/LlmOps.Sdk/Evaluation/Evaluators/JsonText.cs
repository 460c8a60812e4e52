namespace LlmOps.Sdk.Evaluation;

/// <summary>Finds the JSON in a response, optionally inside a Markdown code fence.</summary>
internal static class JsonText
{
    public static string Extract(string text, bool allowMarkdownFence)
    {
        var trimmed = text.Trim();
        if (!allowMarkdownFence || !trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstLineEnd = trimmed.IndexOf('\n', StringComparison.Ordinal);
        if (firstLineEnd < 0 || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < firstLineEnd + 4)
        {
            return trimmed;
        }

        return trimmed[(firstLineEnd + 1)..^3].Trim();
    }
}

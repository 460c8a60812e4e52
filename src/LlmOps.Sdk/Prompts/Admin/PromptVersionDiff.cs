using System.Globalization;
using System.Text;

namespace LlmOps.Sdk.Prompts;

/// <summary>A readable, line-based diff of two prompt versions: their settings, variables and messages.</summary>
internal static class PromptVersionDiff
{
    /// <summary>Renders the diff: lines kept start with two spaces, removed ones with <c>- </c>, added ones with <c>+ </c>.</summary>
    public static string Render(PromptVersion before, PromptVersion after)
    {
        var a = Describe(before);
        var b = Describe(after);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"--- {before.Name} v{before.Version} ({before.ContentHash[..12]})\n")
            .Append(CultureInfo.InvariantCulture, $"+++ {after.Name} v{after.Version} ({after.ContentHash[..12]})\n");

        // Longest common subsequence of lines: prompts are short, so the quadratic table is cheap and the result minimal.
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x] == b[y])
            {
                text.Append("  ").Append(a[x++]).Append('\n');
                y++;
            }
            else if (y < b.Count && (x == a.Count || lengths[x, y + 1] >= lengths[x + 1, y]))
            {
                text.Append("+ ").Append(b[y++]).Append('\n');
            }
            else
            {
                text.Append("- ").Append(a[x++]).Append('\n');
            }
        }

        return text.ToString();
    }

    private static List<string> Describe(PromptVersion version)
    {
        var lines = new List<string>();
        if (version.Model is { } model)
        {
            Add(lines, "model", model.ModelId);
            Add(lines, "temperature", model.Temperature?.ToString(CultureInfo.InvariantCulture));
            Add(lines, "top_p", model.TopP?.ToString(CultureInfo.InvariantCulture));
            Add(lines, "max_output_tokens", model.MaxOutputTokens?.ToString(CultureInfo.InvariantCulture));
            Add(lines, "stop", model.StopSequences is { Count: > 0 } stops ? string.Join(", ", stops) : null);
            Add(lines, "response_format", model.ResponseFormat?.GetType().Name);
        }

        foreach (var variable in version.Variables)
        {
            lines.Add($"variable {variable.Name}{(variable.Required ? " (required)" : "")}{(variable.Default is { } d ? $" = {d}" : "")}");
        }

        foreach (var (key, value) in version.Metadata.OrderBy(static m => m.Key, StringComparer.Ordinal))
        {
            lines.Add($"metadata {key}: {value}");
        }

        foreach (var message in version.Messages)
        {
            lines.Add($"[{message.Role.Value}]");
            lines.AddRange(message.Template.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        }

        return lines;
    }

    private static void Add(List<string> lines, string name, string? value)
    {
        if (value is not null)
        {
            lines.Add($"{name}: {value}");
        }
    }
}

using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Experiments;

/// <summary>A word-level diff of two outputs: the longest common subsequence of their words, spaces and punctuation.</summary>
internal static partial class WordDiff
{
    // Past this many cells the quadratic table costs more than a report should; the middle is shown as replaced.
    private const long MaxCells = 4_000_000;

    public static List<DiffSpan> Compute(string before, string after)
    {
        var a = Tokens(before);
        var b = Tokens(after);
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var spans = new List<DiffSpan>();
        Add(spans, DiffKind.Same, a, 0, prefix);
        var n = a.Count - prefix - suffix;
        var m = b.Count - prefix - suffix;
        if ((long)n * m > MaxCells)
        {
            Add(spans, DiffKind.Removed, a, prefix, n);
            Add(spans, DiffKind.Added, b, prefix, m);
        }
        else
        {
            Middle(spans, a, b, prefix, n, m);
        }

        Add(spans, DiffKind.Same, a, a.Count - suffix, suffix);
        return spans;
    }

    private static void Middle(List<DiffSpan> spans, List<string> a, List<string> b, int offset, int n, int m)
    {
        // lengths[i, j] = LCS length of a[i..n) and b[j..m), walked forwards to emit the diff in reading order.
        var lengths = new int[(n + 1) * (m + 1)];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lengths[(i * (m + 1)) + j] = a[offset + i] == b[offset + j]
                    ? lengths[((i + 1) * (m + 1)) + j + 1] + 1
                    : Math.Max(lengths[((i + 1) * (m + 1)) + j], lengths[(i * (m + 1)) + j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[offset + x] == b[offset + y])
            {
                Add(spans, DiffKind.Same, a, offset + x, 1);
                x++;
                y++;
            }
            else if (x < n && (y == m || lengths[((x + 1) * (m + 1)) + y] >= lengths[(x * (m + 1)) + y + 1]))
            {
                Add(spans, DiffKind.Removed, a, offset + x, 1); // removals first, so a replacement reads "old, then new"
                x++;
            }
            else
            {
                Add(spans, DiffKind.Added, b, offset + y, 1);
                y++;
            }
        }
    }

    private static void Add(List<DiffSpan> spans, DiffKind kind, List<string> tokens, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var text = string.Concat(tokens.GetRange(start, count));
        if (spans.Count > 0 && spans[^1].Kind == kind)
        {
            spans[^1] = new DiffSpan(kind, spans[^1].Text + text); // merge neighbours, so a changed phrase is one highlight
        }
        else
        {
            spans.Add(new DiffSpan(kind, text));
        }
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        foreach (var match in Token().EnumerateMatches(text))
        {
            tokens.Add(text.Substring(match.Index, match.Length));
        }

        return tokens;
    }

    [GeneratedRegex(@"\s+|\w+|[^\w\s]", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}

using System.Text;
using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Exact match and token F1 as the SQuAD v1.1 evaluation script defines them.</summary>
/// <remarks>
/// Normalisation, in the script's order: lower case, remove ASCII punctuation (Python's <c>string.punctuation</c>),
/// replace the whole words a/an/the by a space, collapse white space. F1 of two answers with no token in common is 0,
/// including two empty answers (v1.1, unlike v2.0, has no special case for them); their exact match is 1.
/// See https://github.com/allenai/bi-att-flow/blob/master/squad/evaluate-v1.1.py.
/// </remarks>
internal static partial class SquadText
{
    public static string Normalize(string text)
    {
        var lower = text.ToLowerInvariant();
        var withoutPunctuation = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (!IsAsciiPunctuation(c))
            {
                withoutPunctuation.Append(c);
            }
        }

        var withoutArticles = Articles().Replace(withoutPunctuation.ToString(), " ");
        return string.Join(' ', Tokenize(withoutArticles));
    }

    public static bool ExactMatch(string prediction, string groundTruth) =>
        string.Equals(Normalize(prediction), Normalize(groundTruth), StringComparison.Ordinal);

    public static double F1(string prediction, string groundTruth)
    {
        var predictionTokens = Tokenize(Normalize(prediction));
        var truthTokens = Tokenize(Normalize(groundTruth));
        var truthCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in truthTokens)
        {
            truthCounts[token] = truthCounts.GetValueOrDefault(token) + 1;
        }

        var same = 0;
        foreach (var token in predictionTokens)
        {
            if (truthCounts.TryGetValue(token, out var left) && left > 0)
            {
                truthCounts[token] = left - 1;
                same++;
            }
        }

        if (same == 0)
        {
            return 0.0;
        }

        // The script's arithmetic, in its order, so that the floating-point result is the same.
        var precision = 1.0 * same / predictionTokens.Count;
        var recall = 1.0 * same / truthTokens.Count;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>Splits on white space, as Python's <c>str.split()</c> with no argument does.</summary>
    public static List<string> Tokenize(string text)
    {
        List<string> tokens = [];
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                if (start >= 0)
                {
                    tokens.Add(text[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            tokens.Add(text[start..]);
        }

        return tokens;
    }

    private static bool IsAsciiPunctuation(char c) => c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    [GeneratedRegex(@"\b(a|an|the)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Articles();
}

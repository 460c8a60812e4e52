using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Tests.Privacy.Quality;

/// <summary>Scores the built-in detectors on the labelled set: recall per kind, and how many clean texts each kind flags.</summary>
/// <remarks>
/// A finding counts only when its kind and its exact text match an expected one, so a number found without its country
/// code or a key found without its last characters is a miss. A negative text is flagged by a kind when that kind finds
/// anything in it.
/// </remarks>
internal static class PiiLabelledSet
{
    public const string TableStart = "<!-- pii-detectors:start -->";
    public const string TableEnd = "<!-- pii-detectors:end -->";

    // What each kind finds and what it leaves, as the README states it; the numbers come from the set.
    private static readonly (string Kind, string Finds, string DoesNotFind)[] Kinds =
    [
        (PiiKinds.Email, "addresses with `+tags`, sub-domains, IDN (Unicode or `xn--`) domains and Unicode local parts",
            "obfuscated addresses (`jane at example dot com`), quoted local parts, `name@localhost`, `icon@2x.png`"),
        (PiiKinds.Phone, "E.164 and international numbers (`+`, `00`), North American `(415) 555-0132`, national numbers with a trunk 0, in the usual groupings",
            "national numbers without a trunk 0 outside North America, extensions alone, numbers written as words"),
        (PiiKinds.Card, "13 to 19 digits that pass Luhn, with a known brand prefix and length, compact or in the printed groups",
            "partial or masked numbers (`**** 1234`), numbers split across lines, CVCs and expiry dates"),
        (PiiKinds.Iban, "IBANs of every registered country, compact or in groups of four, that pass mod 97 and have their country's length",
            "national account numbers and sort codes (`BLZ 370 400 44`), lower-case IBANs"),
        (PiiKinds.IpAddress, "IPv4 (with port or prefix), IPv6 in full, compressed, IPv4-mapped, bracketed or with a zone",
            "host names, IPv4 after a version word (`version 1.2.3.4`), MAC addresses"),
        (PiiKinds.Secret, "OpenAI, Anthropic, GitHub, GitLab, AWS, Slack (tokens and webhooks), Stripe, SendGrid, Google, Hugging Face and npm keys, JWTs, bearer tokens, PEM/PGP private keys, and any value of 8+ characters assigned to a key, secret, token or password name",
            "a password in prose without `:` or `=` (`my password is hunter2`), unknown key formats without a telling name"),
    ];

    public static IReadOnlyList<LabelledText> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Privacy", "Quality", "pii-labelled.jsonl");
        List<LabelledText> texts = [];
        foreach (var line in File.ReadLines(path))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var expected = root.GetProperty("expected").EnumerateArray()
                .Select(static e => (e.GetProperty("kind").GetString()!, e.GetProperty("value").GetString()!)) // the set always has both
                .ToList();
            texts.Add(new LabelledText(root.GetProperty("text").GetString()!, expected, root.TryGetProperty("category", out var c) ? c.GetString() : null));
        }

        return texts;
    }

    public static Dictionary<string, KindScore> Score(IReadOnlyList<LabelledText> texts, Func<string, IReadOnlyList<PiiFinding>> scan)
    {
        var scores = Kinds.ToDictionary(static k => k.Kind, static _ => new KindScore(), StringComparer.Ordinal);
        var negatives = texts.Count(static t => t.Expected.Count == 0);
        foreach (var text in texts)
        {
            var findings = scan(text.Text).Select(f => (f.Kind, Value: text.Text.Substring(f.Index, f.Length))).ToList();
            foreach (var (kind, value) in text.Expected)
            {
                var score = scores[kind];
                score.Positives++;
                if (findings.Contains((kind, value)))
                {
                    score.Found++;
                }
                else
                {
                    score.Misses.Add($"{value}  in  {text.Text}  (found: {string.Join(", ", findings)})");
                }
            }

            foreach (var finding in findings.Where(f => !text.Expected.Contains(f)))
            {
                var score = scores[finding.Kind];
                score.Spurious.Add($"{finding.Value}  in  {text.Text}");
                if (text.Expected.Count == 0 && !findings.Take(findings.IndexOf(finding)).Any(f => f.Kind == finding.Kind))
                {
                    score.FlaggedNegatives++;
                }
            }
        }

        foreach (var score in scores.Values)
        {
            score.Negatives = negatives;
        }

        return scores;
    }

    public static string Table(IReadOnlyList<LabelledText> texts, Dictionary<string, KindScore> scores)
    {
        var table = new StringBuilder();
        table.Append(TableStart).Append('\n');
        table.Append(CultureInfo.InvariantCulture,
            $"Measured on the labelled set in `tests/LlmOps.Sdk.Tests/Privacy/Quality/pii-labelled.jsonl`: {texts.Count(static t => t.Expected.Count > 0)} texts with {scores.Values.Sum(static s => s.Positives)} values to find, and {texts.Count(static t => t.Expected.Count == 0)} texts with none (order, invoice and tracking numbers, dates, times and timestamps, versions, prices, UUIDs, hashes, ISBNs, postal codes, file sizes). A test recomputes this table.\n\n");
        table.Append("| kind | finds | does not find | values | recall | false positives |\n");
        table.Append("|---|---|---|---:|---:|---:|\n");
        foreach (var (kind, finds, doesNotFind) in Kinds)
        {
            var score = scores[kind];
            table.Append(CultureInfo.InvariantCulture,
                $"| `{kind}` | {finds} | {doesNotFind} | {score.Positives} | {score.Recall * 100:0.0}% | {score.FalsePositiveRate * 100:0.0}% ({score.FlaggedNegatives} of {score.Negatives}) |\n");
        }

        table.Append(TableEnd);
        return table.ToString().Replace("\u00a0", " ", StringComparison.Ordinal);
    }

    /// <summary>One text of the set and the values in it.</summary>
    public sealed record LabelledText(string Text, List<(string Kind, string Value)> Expected, string? Category);

    /// <summary>How one kind did on the set.</summary>
    public sealed class KindScore
    {
        public int Positives { get; set; }

        public int Found { get; set; }

        public int Negatives { get; set; }

        public int FlaggedNegatives { get; set; }

        public List<string> Misses { get; } = [];

        public List<string> Spurious { get; } = [];

        public double Recall => Positives == 0 ? 0 : (double)Found / Positives;

        public double FalsePositiveRate => Negatives == 0 ? 0 : (double)FlaggedNegatives / Negatives;
    }
}

using System.Globalization;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Tests.Privacy.Quality;

public sealed class PiiDetectorQualityTests
{
    private const double MinimumRecall = 0.99;
    private const double MaximumFalsePositiveRate = 0.01;

    [Fact]
    public void Scan_LabelledSet_FindsAtLeast99PercentOfEachKind()
    {
        var scores = PiiLabelledSet.Score(PiiLabelledSet.Load(), PiiScanner.Default.Scan);

        var failing = scores.Where(static s => s.Value.Positives < 30 || s.Value.Recall < MinimumRecall)
            .Select(static s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}: recall {s.Value.Recall:P1} of {s.Value.Positives}; missed:\n  {string.Join("\n  ", s.Value.Misses)}"))
            .ToList();
        Assert.True(failing.Count == 0, string.Join("\n", failing));
    }

    [Fact]
    public void Scan_LabelledNegatives_FlagAtMost1PercentPerKind()
    {
        var texts = PiiLabelledSet.Load();

        var scores = PiiLabelledSet.Score(texts, PiiScanner.Default.Scan);

        Assert.True(texts.Count(static t => t.Expected.Count == 0) >= 200, "The set needs at least 200 texts with nothing to find.");
        var failing = scores.Where(static s => s.Value.FalsePositiveRate > MaximumFalsePositiveRate)
            .Select(static s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}: {s.Value.FalsePositiveRate:P1} of clean texts flagged:\n  {string.Join("\n  ", s.Value.Spurious)}"))
            .ToList();
        Assert.True(failing.Count == 0, string.Join("\n", failing));
    }

    [Fact]
    public void Scan_LabelledPositives_FindNothingBesideTheLabelledValues()
    {
        var texts = PiiLabelledSet.Load().Where(static t => t.Expected.Count > 0).ToList();

        var scores = PiiLabelledSet.Score(texts, PiiScanner.Default.Scan);

        var spurious = scores.SelectMany(static s => s.Value.Spurious.Select(x => $"{s.Key}: {x}")).ToList();
        Assert.True(spurious.Count == 0, "Found beside the labelled values:\n" + string.Join("\n", spurious));
    }

    [Fact]
    public void Readme_DetectorTable_MatchesTheLabelledSet()
    {
        var texts = PiiLabelledSet.Load();
        var table = PiiLabelledSet.Table(texts, PiiLabelledSet.Score(texts, PiiScanner.Default.Scan));

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path!, "README.md")).ReplaceLineEndings("\n"); // the tests run from a clone
        Assert.True(readme.Contains(table, StringComparison.Ordinal), "Put this table in README.md in place of the one there:\n" + table);
    }
}

using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Tests.Experiments.Statistics;

/// <summary>Verdicts and power warnings of a candidate against the baseline.</summary>
public sealed class PairedComparisonTests
{
    // Wilcoxon's corn differences as candidate minus a zero baseline: exact p = 0.041259765625, candidate ahead.
    private static readonly double[] Candidate = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    private static readonly double[] Baseline = new double[15];
    private static readonly ComparisonSettings Fast = new() { Resamples = 2_000 };

    [Fact]
    public void CompareScores_CandidateAheadBelowAlpha_IsBetter()
    {
        var comparison = PairedComparison.CompareScores(Candidate, Baseline, Fast);

        Assert.Equal(ComparisonVerdict.Better, comparison.Verdict);
        Assert.Equal(0.041259765625, comparison.Wilcoxon.PValue);
        Assert.Equal(15, comparison.Pairs);
        Assert.Equal(Descriptive.Mean(Candidate), comparison.MeanDifference.Estimate);
    }

    [Fact]
    public void CompareScores_LowerIsBetter_IsWorse()
    {
        var comparison = PairedComparison.CompareScores(Candidate, Baseline, Fast with { HigherIsBetter = false });

        Assert.Equal(ComparisonVerdict.Worse, comparison.Verdict);
    }

    [Fact]
    public void CompareScores_BaselineAhead_IsWorse()
    {
        var comparison = PairedComparison.CompareScores(Baseline, Candidate, Fast);

        Assert.Equal(ComparisonVerdict.Worse, comparison.Verdict);
    }

    [Fact]
    public void CompareScores_PValueAboveAlpha_IsNoSignificantDifference()
    {
        var comparison = PairedComparison.CompareScores(Candidate, Baseline, Fast with { Alpha = 0.01 });

        Assert.Equal(ComparisonVerdict.NoSignificantDifference, comparison.Verdict);
    }

    [Fact]
    public void CompareScores_AllEqualLargeSample_IsNoSignificantDifference()
    {
        var same = new double[60];

        var comparison = PairedComparison.CompareScores(same, same, Fast);

        Assert.Equal(ComparisonVerdict.NoSignificantDifference, comparison.Verdict);
    }

    [Fact]
    public void CompareScores_NoMinimumEffect_HasNoPowerEstimate()
    {
        var comparison = PairedComparison.CompareScores(Candidate, Baseline, Fast);

        Assert.Null(comparison.Power);
    }

    [Fact]
    public void CompareScores_SmallSampleForMinimumEffect_WarnsUnderpowered()
    {
        // SD of the differences ≈ 38.5: detecting a mean shift of 5 needs hundreds of pairs, not 15.
        var comparison = PairedComparison.CompareScores(Candidate, Baseline, Fast with { MinimumEffect = 5 });

        var power = Assert.NotNull(comparison.Power);
        Assert.True(power.IsUnderpowered, $"Power {power.Power} should be below 0.8.");
        Assert.InRange(power.RequiredPairs ?? 0, 300, 600);
    }

    [Fact]
    public void CompareScores_LargeMinimumEffect_IsNotUnderpowered()
    {
        var comparison = PairedComparison.CompareScores(Candidate, Baseline, Fast with { MinimumEffect = 40 });

        var power = Assert.NotNull(comparison.Power);
        Assert.False(power.IsUnderpowered, $"Power {power.Power} should reach 0.8.");
    }

    [Fact]
    public void ComparePassFail_CandidateWinsDiscordantPairs_IsBetter()
    {
        var (candidate, baseline) = PassFail(candidateOnly: 10, baselineOnly: 1, bothPass: 20, bothFail: 9);

        var comparison = PairedComparison.ComparePassFail(candidate, baseline, Fast);

        // binomtest(10, 11, 0.5) = 2·(1 + 11)/2048.
        Assert.Equal(0.01171875, comparison.McNemar.PValue);
        Assert.Equal(ComparisonVerdict.Better, comparison.Verdict);
        Assert.Equal(0.75, comparison.CandidatePassRate);
        Assert.Equal(0.525, comparison.BaselinePassRate);
        StatisticsAssert.RelativelyClose(0.225, comparison.PassRateDifference.Estimate, 1e-12);
    }

    [Fact]
    public void ComparePassFail_BaselineWinsDiscordantPairs_IsWorse()
    {
        var (candidate, baseline) = PassFail(candidateOnly: 1, baselineOnly: 10, bothPass: 20, bothFail: 9);

        var comparison = PairedComparison.ComparePassFail(candidate, baseline, Fast);

        Assert.Equal(ComparisonVerdict.Worse, comparison.Verdict);
    }

    [Fact]
    public void ComparePassFail_SmallSampleForMinimumEffect_WarnsUnderpowered()
    {
        var (candidate, baseline) = PassFail(candidateOnly: 3, baselineOnly: 2, bothPass: 10, bothFail: 5);

        var comparison = PairedComparison.ComparePassFail(candidate, baseline, Fast with { MinimumEffect = 0.05 });

        Assert.Equal(ComparisonVerdict.NoSignificantDifference, comparison.Verdict);
        var power = Assert.NotNull(comparison.Power);
        Assert.True(power.IsUnderpowered, $"Power {power.Power} should be below 0.8.");
        Assert.True(power.RequiredPairs > 20, $"Required pairs {power.RequiredPairs} should exceed the 20 run.");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void CompareScores_AlphaOutOfRange_ThrowsNamingIt(double alpha)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => PairedComparison.CompareScores(Candidate, Baseline, Fast with { Alpha = alpha }));

        Assert.Contains("Alpha", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, 1, true, ComparisonVerdict.NoSignificantDifference)]
    [InlineData(0.05, 1, true, ComparisonVerdict.NoSignificantDifference)]
    [InlineData(0.049, 1, true, ComparisonVerdict.Better)]
    [InlineData(0.049, -1, true, ComparisonVerdict.Worse)]
    [InlineData(0.049, -1, false, ComparisonVerdict.Better)]
    public void Decide_PValueAndDirection_GivesVerdict(double pValue, int direction, bool higherIsBetter, object expected)
    {
        Assert.Equal((ComparisonVerdict)expected, PairedComparison.Decide(pValue, direction, 0.05, higherIsBetter));
    }

    private static (bool[] Candidate, bool[] Baseline) PassFail(int candidateOnly, int baselineOnly, int bothPass, int bothFail)
    {
        var candidate = new List<bool>();
        var baseline = new List<bool>();
        Add(candidateOnly, true, false);
        Add(baselineOnly, false, true);
        Add(bothPass, true, true);
        Add(bothFail, false, false);
        return ([.. candidate], [.. baseline]);

        void Add(int count, bool c, bool b)
        {
            for (var i = 0; i < count; i++)
            {
                candidate.Add(c);
                baseline.Add(b);
            }
        }
    }
}

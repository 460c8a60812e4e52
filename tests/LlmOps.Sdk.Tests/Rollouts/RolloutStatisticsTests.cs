using LlmOps.Sdk.Rollouts;

namespace LlmOps.Sdk.Tests.Rollouts;

/// <summary>The rollout tests against values computed by their references: Python's math.erfc (as scipy.stats.norm.sf), the Yates-corrected 2×2 chi-square.</summary>
public sealed class RolloutStatisticsTests
{
    [Theory]
    [InlineData(1.0, 0.15865525393145707)]
    [InlineData(2.5, 0.006209665325776139)]
    [InlineData(-1.3, 0.9031995154143897)]
    [InlineData(5.0, 2.866515718791946e-07)]
    public void UpperTail_PinnedZ_MatchesReference(double z, double expected)
    {
        var actual = NormalDistribution.UpperTail(z);

        Assert.True(Math.Abs(actual - expected) <= 1.2e-7 * expected, $"P(Z > {z}) = {actual}, expected {expected}");
    }

    [Theory]
    [InlineData(10, 200, 25, 200, 0.006619137442025348)]
    [InlineData(30, 1000, 8, 100, 0.010081951056235463)]
    public void HigherPValue_PinnedCounts_MatchesYatesCorrectedChiSquare(long x1, long n1, long x2, long n2, double expected)
    {
        var actual = TwoProportionZTest.HigherPValue(x1, n1, x2, n2);

        Assert.True(Math.Abs(actual - expected) <= 1e-6 * expected, $"p = {actual}, expected {expected}");
    }

    [Fact]
    public void HigherPValue_BothRatesZero_IsOne()
    {
        Assert.Equal(1, TwoProportionZTest.HigherPValue(0, 500, 0, 50));
    }

    [Fact]
    public void WelchHigherPValue_PinnedSamples_MatchesReference()
    {
        var baseline = Mean([1, 2, 3, 4, 5, 6]);
        var candidate = Mean([2, 3, 4, 5, 6, 9, 10]);

        var actual = WelchZTest.HigherPValue(baseline, candidate);

        Assert.True(Math.Abs(actual - 0.06451610181360565) <= 1e-6, $"p = {actual}");
    }

    [Fact]
    public void Threshold_FourFiguresThreeTestedSteps_IsBonferroniShare()
    {
        var rollout = RolloutRecord.From(new RolloutPlan { Steps = [10, 25, 50, 100], GuardedScores = ["json_valid"] }, 1, 2);

        Assert.Equal(0.05 / 12, RolloutJudge.Threshold(rollout), 12);
    }

    private static RunningMean Mean(double[] values) =>
        new(values.Length, values.Sum(), values.Sum(static v => v * v));
}

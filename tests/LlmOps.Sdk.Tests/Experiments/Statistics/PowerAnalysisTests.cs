using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Tests.Experiments.Statistics;

/// <summary>The power approximations, against reference.py (Python's statistics.NormalDist, independent of ours).</summary>
public sealed class PowerAnalysisTests
{
    [Theory]
    // reference.py "paired n=… sd=0.2 effect=0.05 alpha=0.05"; 126 = ⌈(1.96 + 0.84)²·(0.2/0.05)²⌉, the textbook formula.
    [InlineData(30, 0.27781030356752967, 126)]
    [InlineData(200, 0.9424375431875085, 126)]
    public void PairedMean_Sample_MatchesReference(int pairs, double power, int required)
    {
        var estimate = PowerAnalysis.PairedMean(pairs, differenceStandardDeviation: 0.2, minimumEffect: 0.05, alpha: 0.05);

        StatisticsAssert.RelativelyClose(power, estimate.Power);
        Assert.Equal(required, estimate.RequiredPairs);
        Assert.Equal(pairs < required, estimate.IsUnderpowered);
    }

    [Theory]
    // reference.py "mcnemar n=… discordant=… effect=0.1 alpha=0.05" (Connor 1987).
    [InlineData(100, 30, 0.4457064165786788, 234)]
    [InlineData(400, 120, 0.9573234541082571, 234)]
    public void McNemar_Sample_MatchesReference(int pairs, int discordant, double power, int required)
    {
        var estimate = PowerAnalysis.McNemar(pairs, discordant, minimumEffect: 0.1, alpha: 0.05);

        StatisticsAssert.RelativelyClose(power, estimate.Power);
        Assert.Equal(required, estimate.RequiredPairs);
        Assert.Equal(pairs < required, estimate.IsUnderpowered);
    }

    [Fact]
    public void McNemar_FewerDiscordantThanEffect_AssumesAtLeastTheEffect()
    {
        // No discordant pair seen yet: a 0.1 difference needs at least 10% discordant pairs, so ψ = 0.1.
        var none = PowerAnalysis.McNemar(100, 0, minimumEffect: 0.1, alpha: 0.05);
        var atEffect = PowerAnalysis.McNemar(100, 10, minimumEffect: 0.1, alpha: 0.05);

        Assert.Equal(atEffect, none);
    }

    [Fact]
    public void PairedMean_OnePair_IsUnderpoweredWithoutEstimate()
    {
        var estimate = PowerAnalysis.PairedMean(1, double.NaN, minimumEffect: 0.05, alpha: 0.05);

        Assert.True(estimate.IsUnderpowered);
        Assert.Null(estimate.RequiredPairs);
    }
}

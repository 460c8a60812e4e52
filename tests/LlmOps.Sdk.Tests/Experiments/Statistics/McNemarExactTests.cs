using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Tests.Experiments.Statistics;

/// <summary>McNemar's exact test: the binomial test of the discordant pairs, equal to scipy's binomtest(b, b + c, 0.5).</summary>
public sealed class McNemarExactTests
{
    [Fact]
    public void Test_Outcomes_CountsDiscordantPairsOnly()
    {
        // Items 0-1 both pass, 2 both fail, 3-5 only the candidate, 6 only the baseline.
        bool[] candidate = [true, true, false, true, true, true, false];
        bool[] baseline = [true, true, false, false, false, false, true];

        var result = McNemarExact.Test(candidate, baseline);

        Assert.Equal(3, result.CandidateOnlyPassed);
        Assert.Equal(1, result.BaselineOnlyPassed);
        Assert.Equal(4, result.Discordant);
        // binomtest(3, 4, 0.5): 2·P(X ≤ 1) = 2·5/16.
        Assert.Equal(0.625, result.PValue);
    }

    [Theory]
    // scipy binomtest(3, 10, 0.5) = 0.34375 (TestBinomTest.test_two_sided_pvalues2).
    [InlineData(3, 7, 0.34375)]
    [InlineData(7, 3, 0.34375)]
    // binomtest(1, 10, 0.5) = 2·11/1024.
    [InlineData(1, 9, 0.021484375)]
    // reference.py: binomtest(40, 100, 0.5) and binomtest(12, 60, 0.5).
    [InlineData(40, 60, 0.05688793364098079)]
    [InlineData(12, 48, 3.183628737933597e-06)]
    [InlineData(0, 5, 0.0625)]
    public void Test_DiscordantCounts_EqualsBinomTest(int candidateOnly, int baselineOnly, double expected)
    {
        var result = McNemarExact.Test(candidateOnly, baselineOnly);

        StatisticsAssert.RelativelyClose(expected, result.PValue, 1e-12);
    }

    [Fact]
    public void Test_NoDiscordantPairs_PValueIsOne()
    {
        var result = McNemarExact.Test([true, false], [true, false]);

        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Test_UnequalLengths_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => McNemarExact.Test([true], [true, false]));

        Assert.Contains("items both ran", exception.Message, StringComparison.Ordinal);
    }
}

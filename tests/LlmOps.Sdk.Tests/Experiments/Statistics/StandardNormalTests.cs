using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Tests.Experiments.Statistics;

/// <summary>erfc, the normal tail and quantile, against CPython's math.erfc and scipy.stats.norm values.</summary>
public sealed class StandardNormalTests
{
    [Theory]
    // Python 3.11 math.erfc(x), printed with repr.
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(-1.0, 1.842700792949715)]
    [InlineData(0.0, 1.0)]
    public void Erfc_Argument_MatchesPython(double x, double expected)
    {
        StatisticsAssert.RelativelyClose(expected, StandardNormal.Erfc(x), 1e-13);
    }

    [Fact]
    public void TwoSidedPValue_z196_IsAboutFivePercent()
    {
        // scipy.stats.norm.ppf(0.975) = 1.959963984540054, so its two-sided p-value is 0.05.
        StatisticsAssert.RelativelyClose(0.05, StandardNormal.TwoSidedPValue(-1.959963984540054), 1e-12);
    }

    [Theory]
    // scipy.stats.norm.ppf(p).
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.8, 0.8416212335729143)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.025, -1.959963984540054)]
    public void Quantile_Probability_InvertsCdf(double probability, double expected)
    {
        var quantile = StandardNormal.Quantile(probability);

        Assert.True(Math.Abs(quantile - expected) <= 1e-12, $"Expected {expected:R}, got {quantile:R}.");
    }
}

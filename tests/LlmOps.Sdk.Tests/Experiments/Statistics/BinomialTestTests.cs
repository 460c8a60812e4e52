using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Tests.Experiments.Statistics;

/// <summary>
/// The two-sided binomial test at p = 1/2, against scipy.stats.binomtest values pinned in scipy's suite
/// (scipy/stats/tests/test_morestats.py, class TestBinomTest, at commit 3dbf660a919b, taken from R's binom.test) and
/// exact Fractions printed by reference.py. Agreement is to a relative 1e-12.
/// </summary>
public sealed class BinomialTestTests
{
    [Theory]
    // test_two_sided_pvalues2: binomtest(3, 10, 0.5) = 0.34375.
    [InlineData(3, 10, 0.34375)]
    // test_edge_cases: k = n·p within rounding gives 1.
    [InlineData(484, 967, 1.0)]
    [InlineData(7, 13, 1.0)]
    [InlineData(6, 11, 1.0)]
    // reference.py, exact Fractions.
    [InlineData(0, 5, 0.0625)]
    [InlineData(1, 20, 4.00543212890625e-05)]
    [InlineData(2, 30, 8.67992639541626e-07)]
    [InlineData(15, 100, 4.825421503937196e-13)]
    [InlineData(40, 100, 0.05688793364098079)]
    [InlineData(12, 60, 3.183628737933597e-06)]
    [InlineData(0, 1, 1.0)]
    [InlineData(1, 1, 1.0)]
    [InlineData(300, 1000, 1.7665678007950136e-37)]
    [InlineData(2400, 5000, 0.004883649737517518)]
    [InlineData(950, 2000, 0.026824146240280695)]
    public void TwoSidedPValue_Counts_MatchesScipy(int successes, int trials, double expected)
    {
        var pValue = BinomialTest.TwoSidedPValue(successes, trials);

        StatisticsAssert.RelativelyClose(expected, pValue, 1e-12);
    }

    [Fact]
    public void TwoSidedPValue_Mirrored_IsSymmetric()
    {
        Assert.Equal(BinomialTest.TwoSidedPValue(12, 60), BinomialTest.TwoSidedPValue(48, 60));
    }

    [Fact]
    public void TwoSidedPValue_FarTail_UnderflowsToZeroNotNaN()
    {
        // reference.py prints 0.0 for binomtest(30, 2000): the exact value, near 1e-540, is below the smallest double.
        Assert.Equal(0.0, BinomialTest.TwoSidedPValue(30, 2000));
    }

    [Fact]
    public void TwoSidedPValue_NoTrials_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialTest.TwoSidedPValue(0, 0));
    }
}

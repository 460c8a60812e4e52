using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Tests.Experiments.Statistics;

/// <summary>Mean, sample standard deviation and NumPy-linear percentiles, against values worked out by hand.</summary>
public sealed class DescriptiveTests
{
    private static readonly double[] OneToTen = [3, 1, 4, 10, 5, 9, 2, 6, 8, 7];

    [Fact]
    public void Mean_Values_IsArithmeticMean()
    {
        var mean = Descriptive.Mean(OneToTen);

        Assert.Equal(5.5, mean);
    }

    [Fact]
    public void StandardDeviation_Values_DividesByNMinusOne()
    {
        // Σ(x - 5.5)² = 82.5 for 1..10; ddof=1 gives √(82.5 / 9), where ddof=0 would give √8.25 = 2.87.
        var sd = Descriptive.StandardDeviation(OneToTen);

        StatisticsAssert.RelativelyClose(Math.Sqrt(82.5 / 9), sd, 1e-15);
    }

    [Fact]
    public void StandardDeviation_OneValue_IsNaN()
    {
        Assert.True(double.IsNaN(Descriptive.StandardDeviation([4.0])));
    }

    [Theory]
    // numpy.percentile docs: np.percentile([[10, 7, 4], [3, 2, 1]], 50) == 3.5.
    [InlineData(new double[] { 10, 7, 4, 3, 2, 1 }, 50, 3.5)]
    // Rank (10 - 1) · 0.95 = 8.55 of the sorted 1..10: 9 + 0.55 · (10 - 9).
    [InlineData(new double[] { 3, 1, 4, 10, 5, 9, 2, 6, 8, 7 }, 95, 9.55)]
    // Latency: rank 3 · 0.95 = 2.85 between 300 and 400 ms.
    [InlineData(new double[] { 400, 100, 300, 200 }, 95, 385)]
    [InlineData(new double[] { 400, 100, 300, 200 }, 50, 250)]
    [InlineData(new double[] { 400, 100, 300, 200 }, 0, 100)]
    [InlineData(new double[] { 400, 100, 300, 200 }, 100, 400)]
    [InlineData(new double[] { 42 }, 95, 42)]
    public void Percentile_Values_InterpolatesLinearlyAsNumPy(double[] values, double percent, double expected)
    {
        var percentile = Descriptive.Percentile(values, percent);

        StatisticsAssert.RelativelyClose(expected, percentile, 1e-12);
    }

    [Fact]
    public void Percentile_Values_LeavesInputUnsorted()
    {
        double[] values = [3, 1, 2];

        _ = Descriptive.Percentile(values, 50);

        Assert.Equal([3.0, 1.0, 2.0], values);
    }

    [Fact]
    public void PassRate_Outcomes_IsShareOfPassed()
    {
        var rate = Descriptive.PassRate([true, false, true, true]);

        Assert.Equal(0.75, rate);
    }

    [Fact]
    public void Summarize_Values_ReportsAllStatistics()
    {
        var summary = Descriptive.Summarize(OneToTen);

        Assert.Equal(10, summary.Count);
        Assert.Equal(5.5, summary.Mean);
        StatisticsAssert.RelativelyClose(Math.Sqrt(82.5 / 9), summary.StandardDeviation, 1e-15);
        Assert.Equal(5.5, summary.P50);
        StatisticsAssert.RelativelyClose(9.55, summary.P95, 1e-12);
    }

    [Fact]
    public void Summarize_Empty_IsNaN()
    {
        var summary = Descriptive.Summarize([]);

        Assert.Equal(0, summary.Count);
        Assert.True(double.IsNaN(summary.Mean), $"Mean was {summary.Mean}.");
    }
}

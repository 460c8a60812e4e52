using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Tests.Experiments.Statistics;

/// <summary>The percentile bootstrap: reproducible for a seed, pinned against reference.py, and sensible as n grows.</summary>
public sealed class PercentileBootstrapTests
{
    private static readonly double[] Scores = [0.62, 0.71, 0.55, 0.9, 0.48, 0.77, 0.66, 0.81, 0.59, 0.73, 0.69, 0.5];

    [Theory]
    // reference.py, "percentile bootstrap of the mean": the same generator, draws and percentile in Python.
    [InlineData(42UL, 0.6008333333333334, 0.7383333333333334)]
    [InlineData(7UL, 0.5991666666666666, 0.7366666666666668)]
    public void MeanInterval_FixedSeed_MatchesReference(ulong seed, double lower, double upper)
    {
        var interval = PercentileBootstrap.MeanInterval(Scores, seed);

        Assert.Equal(lower, interval.Lower);
        Assert.Equal(upper, interval.Upper);
        Assert.Equal(10_000, interval.Resamples);
        Assert.Equal(0.95, interval.ConfidenceLevel);
    }

    [Fact]
    public void MeanInterval_SameSeed_IsReproducible()
    {
        var first = PercentileBootstrap.MeanInterval(Scores, seed: 123);
        var second = PercentileBootstrap.MeanInterval(Scores, seed: 123);

        Assert.Equal(first, second);
    }

    [Fact]
    public void MeanInterval_OtherSeed_ChangesIntervalButBothContainMean()
    {
        var mean = Descriptive.Mean(Scores);

        var first = PercentileBootstrap.MeanInterval(Scores, seed: 42);
        var second = PercentileBootstrap.MeanInterval(Scores, seed: 7);

        Assert.NotEqual((first.Lower, first.Upper), (second.Lower, second.Upper));
        Assert.Equal(mean, first.Estimate);
        Assert.InRange(mean, first.Lower, first.Upper);
        Assert.InRange(mean, second.Lower, second.Upper);
    }

    [Fact]
    public void MeanInterval_MoreItems_IsNarrower()
    {
        var small = Uniform(count: 25, seed: 5);
        var large = Uniform(count: 2_500, seed: 5);

        var smallInterval = PercentileBootstrap.MeanInterval(small, seed: 1, resamples: 2_000);
        var largeInterval = PercentileBootstrap.MeanInterval(large, seed: 1, resamples: 2_000);

        // The width shrinks like 1/√n: a hundred times the items, about a tenth of the width.
        var ratio = (largeInterval.Upper - largeInterval.Lower) / (smallInterval.Upper - smallInterval.Lower);
        Assert.InRange(ratio, 0.05, 0.2);
    }

    [Fact]
    public void MeanInterval_HigherLevel_IsWider()
    {
        var at90 = PercentileBootstrap.MeanInterval(Scores, seed: 3, confidenceLevel: 0.90);
        var at99 = PercentileBootstrap.MeanInterval(Scores, seed: 3, confidenceLevel: 0.99);

        Assert.True(at99.Upper - at99.Lower > at90.Upper - at90.Lower, $"0.99: [{at99.Lower}, {at99.Upper}], 0.90: [{at90.Lower}, {at90.Upper}].");
    }

    [Fact]
    public void MeanInterval_Empty_ThrowsNamingTheFix()
    {
        var exception = Assert.Throws<ArgumentException>(() => PercentileBootstrap.MeanInterval([], seed: 0));

        Assert.Contains("at least one value", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PairedMeanDifferenceInterval_Pairs_IsIntervalOfTheDifferences()
    {
        double[] baseline = [0.5, 0.6, 0.4, 0.7, 0.5, 0.6, 0.3, 0.8];
        double[] candidate = [0.7, 0.6, 0.6, 0.9, 0.6, 0.8, 0.4, 0.8];
        var differences = new double[candidate.Length];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = candidate[i] - baseline[i];
        }

        var paired = PercentileBootstrap.PairedMeanDifferenceInterval(candidate, baseline, seed: 9);

        Assert.Equal(PercentileBootstrap.MeanInterval(differences, seed: 9), paired);
        Assert.True(paired.ExcludesZero, $"Interval [{paired.Lower}, {paired.Upper}] should lie above 0.");
    }

    [Fact]
    public void PairedMeanDifferenceInterval_UnequalLengths_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => PercentileBootstrap.PairedMeanDifferenceInterval([1.0, 2.0], [1.0], seed: 0));

        Assert.Contains("items both ran", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MeanInterval_WholeNumbers_SameAsSummingDoubles()
    {
        // Pass/fail differences are summed as integers; the interval must be the one the double sums give, bit for bit.
        double[] differences = [1, 0, -1, 0, 0, 1, 1, 0, -1, 1, 0, 0, 1];
        const int Resamples = 2_000;

        var interval = PercentileBootstrap.MeanInterval(differences, seed: 42, Resamples);

        var random = new Xoshiro256StarStar(42);
        var means = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < differences.Length; i++)
            {
                sum += differences[random.NextInt32(differences.Length)];
            }

            means[r] = sum / differences.Length;
        }

        Array.Sort(means);
        Assert.Equal(Descriptive.PercentileOfSorted(means, 2.5), interval.Lower);
        Assert.Equal(Descriptive.PercentileOfSorted(means, 97.5), interval.Upper);
    }

    private static double[] Uniform(int count, ulong seed)
    {
        var random = new Xoshiro256StarStar(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        }

        return values;
    }
}

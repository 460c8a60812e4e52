namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>Computes the mean, sample standard deviation, percentiles and pass rate of one candidate's values.</summary>
/// <remarks>
/// The NumPy definitions: <see cref="Mean"/> is <c>numpy.mean</c>, <see cref="StandardDeviation"/> is
/// <c>numpy.std(values, ddof=1)</c> (the sample standard deviation, divided by n - 1), and <see cref="Percentile"/>
/// is <c>numpy.percentile(values, percent)</c> with its default <c>method='linear'</c> (Hyndman and Fan's type 7:
/// the value at rank (n - 1) * percent / 100 of the sorted values, interpolated linearly between neighbours). Sums
/// run in item order, where NumPy sums pairwise, so the last bit or two can differ from NumPy's. Thread-safe;
/// inputs are never modified.
/// </remarks>
internal static class Descriptive
{
    /// <summary>Computes the arithmetic mean.</summary>
    /// <param name="values">The values; NaN propagates.</param>
    /// <returns>The mean, or NaN when <paramref name="values"/> is empty.</returns>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    /// <summary>Computes the sample standard deviation, with n - 1 in the denominator (NumPy's <c>ddof=1</c>).</summary>
    /// <param name="values">The values.</param>
    /// <returns>The standard deviation, or NaN for fewer than two values.</returns>
    public static double StandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }

        // Two passes, as NumPy does: subtracting the mean first keeps large offsets from swamping the variance.
        var mean = Mean(values);
        var sumOfSquares = 0.0;
        foreach (var value in values)
        {
            var deviation = value - mean;
            sumOfSquares += deviation * deviation;
        }

        return Math.Sqrt(sumOfSquares / (values.Length - 1));
    }

    /// <summary>Computes a percentile with NumPy's default linear interpolation.</summary>
    /// <param name="values">The values, in any order.</param>
    /// <param name="percent">The percentile, from 0 to 100: 50 is the median.</param>
    /// <returns>The percentile, or NaN when <paramref name="values"/> is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside [0, 100].</exception>
    public static double Percentile(ReadOnlySpan<double> values, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100.0);
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return PercentileOfSorted(sorted, percent);
    }

    /// <summary>Computes a percentile of values already sorted ascending, with NumPy's default linear interpolation.</summary>
    /// <param name="sorted">The values, sorted ascending; not empty.</param>
    /// <param name="percent">The percentile, from 0 to 100.</param>
    /// <returns>The percentile.</returns>
    public static double PercentileOfSorted(ReadOnlySpan<double> sorted, double percent)
    {
        // The same floating-point steps as NumPy's linear method (q = percent / 100, index = (n - 1) * q), so that
        // an index such as 8.55 rounds the same way.
        var index = (sorted.Length - 1) * (percent / 100.0);
        var below = Math.Floor(index);
        var lower = (int)below;
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = index - below;
        var a = sorted[lower];
        var b = sorted[upper];
        var difference = b - a;

        // NumPy's _lerp interpolates from the nearer end, which keeps the result monotone in the fraction.
        return fraction >= 0.5 ? b - (difference * (1 - fraction)) : a + (difference * fraction);
    }

    /// <summary>Computes the share of passed cases.</summary>
    /// <param name="passed">Whether each case passed.</param>
    /// <returns>The pass rate from 0 to 1, or NaN when <paramref name="passed"/> is empty.</returns>
    public static double PassRate(ReadOnlySpan<bool> passed)
    {
        if (passed.IsEmpty)
        {
            return double.NaN;
        }

        var count = 0;
        foreach (var value in passed)
        {
            if (value)
            {
                count++;
            }
        }

        return (double)count / passed.Length;
    }

    /// <summary>Summarizes values: count, mean, sample standard deviation, p50 and p95.</summary>
    /// <param name="values">The values, in any order.</param>
    /// <returns>The summary; NaN fields where the statistic is undefined for so few values.</returns>
    public static DescriptiveSummary Summarize(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return new DescriptiveSummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return new DescriptiveSummary(
            values.Length,
            Mean(values),
            StandardDeviation(values),
            PercentileOfSorted(sorted, 50),
            PercentileOfSorted(sorted, 95));
    }
}

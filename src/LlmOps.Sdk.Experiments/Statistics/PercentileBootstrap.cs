using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>Computes percentile bootstrap confidence intervals for a mean and for a paired mean difference.</summary>
/// <remarks>
/// <para>
/// The percentile bootstrap of Efron and Tibshirani (An Introduction to the Bootstrap, 1993, chapter 13), as
/// <c>scipy.stats.bootstrap(..., method='percentile')</c> computes it: draw <c>resamples</c> samples of n values with
/// replacement, take each one's mean, and return the (1 - level) / 2 and (1 + level) / 2 percentiles of those means,
/// with NumPy's linear interpolation (<see cref="Descriptive.PercentileOfSorted"/>).
/// </para>
/// <para>
/// Reproducible: the draws come from <see cref="Xoshiro256StarStar"/> seeded with <c>seed</c>, so a seed gives the
/// same interval on every machine and .NET version. The values are not shuffled or sorted, so the interval also
/// depends on their order. A paired difference resamples pairs, which is resampling the differences. One array of
/// <c>resamples</c> doubles is allocated per call, nothing per resample. Thread-safe.
/// </para>
/// </remarks>
internal static class PercentileBootstrap
{
    /// <summary>The default number of resamples: 10,000.</summary>
    public const int DefaultResamples = StatisticsConstants.DefaultResamples;

    /// <summary>The default confidence level: 0.95.</summary>
    public const double DefaultConfidenceLevel = StatisticsConstants.DefaultConfidenceLevel;

    /// <summary>Computes the bootstrap interval of the mean of <paramref name="values"/>.</summary>
    /// <param name="values">The values, one per item.</param>
    /// <param name="seed">The seed of the draws.</param>
    /// <param name="resamples">How many resamples to draw; at least 1.</param>
    /// <param name="confidenceLevel">The interval's level, strictly between 0 and 1.</param>
    /// <returns>The mean and its interval.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resamples"/> or <paramref name="confidenceLevel"/> is out of range.</exception>
    public static BootstrapInterval MeanInterval(
        ReadOnlySpan<double> values, ulong seed, int resamples = DefaultResamples, double confidenceLevel = DefaultConfidenceLevel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidenceLevel, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidenceLevel, 1.0);
        if (values.IsEmpty)
        {
            throw new ArgumentException("A bootstrap interval needs at least one value; the candidate has none for this score.", nameof(values));
        }

        var means = new double[resamples];
        if (!TryResampleWholeNumbers(values, seed, means))
        {
            Resample(values, seed, means);
        }

        Array.Sort(means);
        var tail = (1.0 - confidenceLevel) / 2.0;
        return new BootstrapInterval(
            Descriptive.Mean(values),
            Descriptive.PercentileOfSorted(means, tail * 100.0),
            Descriptive.PercentileOfSorted(means, (1.0 - tail) * 100.0),
            confidenceLevel,
            resamples);
    }

    /// <summary>Fills <paramref name="means"/> with the means of resamples of <paramref name="values"/>, one draw per value.</summary>
    private static void Resample(ReadOnlySpan<double> values, ulong seed, Span<double> means)
    {
        // The generator stays in a local so that its state lives in registers; the draw is below n by construction
        // (Lemire's method), so reading without a bounds check is safe and saves a compare per draw.
        var random = new Xoshiro256StarStar(seed);
        var n = values.Length;
        ref var first = ref MemoryMarshal.GetReference(values);
        for (var r = 0; r < means.Length; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += Unsafe.Add(ref first, random.NextInt32(n));
            }

            means[r] = sum / n;
        }
    }

    /// <summary>Fills <paramref name="means"/> as <see cref="Resample"/> does, summing in integers, when every value is a small whole number.</summary>
    /// <returns><see langword="false"/>, leaving <paramref name="means"/> untouched, when a value is not a whole number of at most 2^20 in magnitude.</returns>
    /// <remarks>
    /// Pass/fail scores and their paired differences are 0, 1 and -1. Every partial sum of whole numbers of at most
    /// 2^20 over at most 2^31 draws stays below 2^53, where doubles are exact, so the double sum the other path adds
    /// up equals this integer sum bit for bit, in any order; an integer add is shorter than a floating-point one on
    /// the loop's dependency chain. Same seed, same draws, same means.
    /// </remarks>
    private static bool TryResampleWholeNumbers(ReadOnlySpan<double> values, ulong seed, Span<double> means)
    {
        const double Largest = 1 << 20;
        var whole = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (!(Math.Abs(value) <= Largest) || value != Math.Floor(value))
            {
                return false;
            }

            whole[i] = (int)value;
        }

        var random = new Xoshiro256StarStar(seed);
        var n = whole.Length;
        ref var first = ref MemoryMarshal.GetArrayDataReference(whole);
        for (var r = 0; r < means.Length; r++)
        {
            var sum = 0L;
            for (var i = 0; i < n; i++)
            {
                sum += Unsafe.Add(ref first, random.NextInt32(n));
            }

            means[r] = (double)sum / n;
        }

        return true;
    }

    /// <summary>Computes the bootstrap interval of the mean of <paramref name="candidate"/> minus <paramref name="baseline"/>, item by item.</summary>
    /// <param name="candidate">The candidate's values, one per item.</param>
    /// <param name="baseline">The baseline's values for the same items, in the same order.</param>
    /// <param name="seed">The seed of the draws.</param>
    /// <param name="resamples">How many resamples to draw; at least 1.</param>
    /// <param name="confidenceLevel">The interval's level, strictly between 0 and 1.</param>
    /// <returns>The mean difference and its interval.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resamples"/> or <paramref name="confidenceLevel"/> is out of range.</exception>
    public static BootstrapInterval PairedMeanDifferenceInterval(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        ulong seed,
        int resamples = DefaultResamples,
        double confidenceLevel = DefaultConfidenceLevel)
    {
        var differences = PairedDifferences.Compute(candidate, baseline);
        return MeanInterval(differences, seed, resamples, confidenceLevel);
    }
}

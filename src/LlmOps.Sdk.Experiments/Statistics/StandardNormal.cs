namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>Computes the standard normal distribution's tail probabilities and quantiles, to double precision.</summary>
/// <remarks>
/// .NET has no <c>erfc</c>, so <see cref="Erfc"/> sums the series of Abramowitz and Stegun 7.1.6 below 1.5 and
/// evaluates their continued fraction 7.1.14 above it (by the modified Lentz method), the same split CPython's
/// <c>math.erfc</c> uses; both converge to full double precision. <see cref="TwoSidedPValue"/> equals
/// <c>2 * scipy.stats.norm.sf(abs(z))</c>. <see cref="Quantile"/> inverts <see cref="Cdf"/> by bisection: slower
/// than a rational approximation, but it is only called a few times per comparison and is exact by construction.
/// Thread-safe.
/// </remarks>
internal static class StandardNormal
{
    private const double SeriesCutoff = 1.5;
    private static readonly double SqrtPi = Math.Sqrt(Math.PI);
    private static readonly double SqrtHalf = Math.Sqrt(0.5);

    /// <summary>Computes the complementary error function, erfc(x) = 1 - erf(x).</summary>
    /// <param name="x">Any real number.</param>
    /// <returns>erfc(<paramref name="x"/>), from 0 to 2.</returns>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            return 2.0 - Erfc(-x);
        }

        return x < SeriesCutoff ? 1.0 - ErfSeries(x) : ErfcContinuedFraction(x);
    }

    /// <summary>Computes the cumulative distribution function, P(Z ≤ x).</summary>
    /// <param name="x">Any real number.</param>
    /// <returns>The probability.</returns>
    public static double Cdf(double x) => 0.5 * Erfc(-x * SqrtHalf);

    /// <summary>Computes the two-sided tail probability P(|Z| ≥ |z|), the p-value of a z statistic.</summary>
    /// <param name="z">The statistic.</param>
    /// <returns>The p-value, from 0 to 1; NaN when <paramref name="z"/> is NaN.</returns>
    public static double TwoSidedPValue(double z) => Erfc(Math.Abs(z) * SqrtHalf);

    /// <summary>Computes the quantile function, the x with P(Z ≤ x) = <paramref name="probability"/>.</summary>
    /// <param name="probability">The probability, strictly between 0 and 1.</param>
    /// <returns>The quantile.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is not strictly between 0 and 1.</exception>
    public static double Quantile(double probability)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(probability, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(probability, 1.0);

        // Every probability a double can hold lies within ±40 standard deviations.
        var low = -40.0;
        var high = 40.0;
        while (true)
        {
            var middle = (low + high) / 2;
            if (middle <= low || middle >= high)
            {
                return middle;
            }

            if (Cdf(middle) < probability)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
    }

    // erf(x) = 2/√π · e^(-x²) · Σ (2x²)^k x / (1·3·…·(2k+1)): all terms positive, so no cancellation.
    private static double ErfSeries(double x)
    {
        var x2 = x * x;
        var term = x;
        var sum = x;
        for (var k = 1; k < 200; k++)
        {
            term *= 2 * x2 / ((2 * k) + 1);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return 2 / SqrtPi * Math.Exp(-x2) * sum;
    }

    // erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated front to back by modified Lentz.
    private static double ErfcContinuedFraction(double x)
    {
        const double Tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0.0;
        for (var k = 1; k < 1000; k++)
        {
            var a = k / 2.0;
            d = x + (a * d);
            d = Math.Abs(d) < Tiny ? 1 / Tiny : 1 / d;
            c = x + (a / c);
            if (Math.Abs(c) < Tiny)
            {
                c = Tiny;
            }

            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / SqrtPi / f;
    }
}

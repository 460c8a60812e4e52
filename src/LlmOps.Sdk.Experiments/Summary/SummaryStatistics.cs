namespace LlmOps.Sdk.Experiments;

/// <summary>The statistical methods the summary uses, behind one seam so the summary reads the same whichever implementation answers.</summary>
internal static class SummaryStatistics
{
    /// <summary>Computes the percentile bootstrap interval of the mean of <paramref name="values"/>.</summary>
    public static ConfidenceInterval BootstrapMean(double[] values, double level, int resamples, int seed)
    {
        if (values.Length == 0)
        {
            return new ConfidenceInterval(double.NaN, double.NaN);
        }

        var rng = new SplitMix64((ulong)seed);
        var means = new double[resamples];
        var n = values.Length;
        for (var b = 0; b < resamples; b++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += values[rng.NextIndex(n)];
            }

            means[b] = sum / n;
        }

        Array.Sort(means);
        var tail = (1 - level) / 2;
        return new ConfidenceInterval(Percentile(means, tail), Percentile(means, 1 - tail));
    }

    /// <summary>Computes the two-sided p-value of the Wilcoxon signed-rank test, as scipy.stats.wilcoxon with its defaults.</summary>
    public static double WilcoxonPValue(double[] differences)
    {
        var nonZero = differences.Where(static d => d != 0).ToArray();
        var n = nonZero.Length;
        if (n == 0)
        {
            return 1;
        }

        var order = nonZero.Select(static (d, i) => (Abs: Math.Abs(d), Index: i)).OrderBy(static p => p.Abs).ToArray();
        var ranks = new double[n];
        var tieTerm = 0.0;
        var hasTies = false;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && order[j + 1].Abs == order[i].Abs)
            {
                j++;
            }

            var rank = (i + j + 2) / 2.0;
            for (var k = i; k <= j; k++)
            {
                ranks[order[k].Index] = rank;
            }

            var t = j - i + 1;
            if (t > 1)
            {
                hasTies = true;
                tieTerm += (t * (double)t * t) - t;
            }

            i = j + 1;
        }

        var plus = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (nonZero[i] > 0)
            {
                plus += ranks[i];
            }
        }

        var total = n * (n + 1) / 2.0;
        var statistic = Math.Min(plus, total - plus);
        if (n <= 50 && !hasTies && differences.Length == n)
        {
            // The exact null distribution: the number of subsets of {1..n} with each rank sum.
            var maxSum = n * (n + 1) / 2;
            var counts = new double[maxSum + 1];
            counts[0] = 1;
            for (var r = 1; r <= n; r++)
            {
                for (var s = maxSum; s >= r; s--)
                {
                    counts[s] += counts[s - r];
                }
            }

            var below = 0.0;
            for (var s = 0; s <= (int)statistic; s++)
            {
                below += counts[s];
            }

            return Math.Min(1, 2 * below / Math.Pow(2, n));
        }

        var variance = (n * (n + 1) * ((2.0 * n) + 1) / 24) - (tieTerm / 48);
        var z = (statistic - (total / 2)) / Math.Sqrt(variance);
        return Math.Min(1, 2 * NormalCdf(-Math.Abs(z)));
    }

    /// <summary>Computes the two-sided p-value of McNemar's exact test: scipy.stats.binomtest(b, b + c, 0.5).</summary>
    public static double McNemarPValue(int baselineOnly, int candidateOnly)
    {
        var n = baselineOnly + candidateOnly;
        if (n == 0)
        {
            return 1;
        }

        var k = Math.Min(baselineOnly, candidateOnly);
        var logTerm = -n * Math.Log(2);
        var logSum = logTerm;
        for (var i = 1; i <= k; i++)
        {
            logTerm += Math.Log(n - i + 1) - Math.Log(i);
            logSum = LogAdd(logSum, logTerm);
        }

        return Math.Min(1, 2 * Math.Exp(logSum));
    }

    /// <summary>Computes the standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double Low = 0.02425;
        if (p < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q) + c[4]) * q + c[5]) / ((((((((d[0] * q) + d[1]) * q) + d[2]) * q) + d[3]) * q) + 1);
        }

        if (p > 1 - Low)
        {
            return -NormalQuantile(1 - p);
        }

        var x = p - 0.5;
        var r = x * x;
        return (((((((((a[0] * r) + a[1]) * r) + a[2]) * r) + a[3]) * r) + a[4]) * r + a[5]) * x / (((((((((b[0] * r) + b[1]) * r) + b[2]) * r) + b[3]) * r) + b[4]) * r + 1);
    }

    /// <summary>Computes the percentile of sorted values with linear interpolation between the closest ranks (numpy's default).</summary>
    public static double Percentile(double[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    private static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    // Numerical Recipes' erfc, fractional error below 1.2e-7: enough for p-values read to three decimals.
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        ReadOnlySpan<double> c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var polynomial = 0.0;
        for (var i = c.Length - 1; i >= 0; i--)
        {
            polynomial = (polynomial * t) + c[i];
        }

        var r = t * Math.Exp(-(z * z) + polynomial);
        return x >= 0 ? r : 2 - r;
    }

    private static double LogAdd(double a, double b)
    {
        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }

    /// <summary>A small, fast, seeded generator: the bootstrap draws hundreds of millions of indexes for a large file.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public int NextIndex(int n)
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(((z >> 32) * (ulong)n) >> 32); // Lemire's multiply-shift: no division, bias below 2^-32 · n
        }
    }
}

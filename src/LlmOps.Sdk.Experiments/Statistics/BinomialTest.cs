namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>Computes the exact two-sided binomial test of a success probability of one half.</summary>
/// <remarks>
/// <para>
/// Equal to <c>scipy.stats.binomtest(k, n, p=0.5).pvalue</c>
/// (https://github.com/scipy/scipy/blob/3dbf660a919b1479cdf30d533176053b428d08d3/scipy/stats/_binomtest.py): the sum
/// of the probabilities of all outcomes no more likely than the observed one, where "no more likely" allows a
/// relative slack of 1e-7, capped at 1. For p = 1/2 the distribution is symmetric, so with m = min(k, n - k) this is
/// 2·P(X ≤ m), plus the outcomes between m and n/2 whose probability is within 1e-7 of P(X = m) (only possible for
/// n in the tens of millions), capped at 1.
/// </para>
/// <para>
/// Accuracy: P(X = m) = C(n, m) / 2^n is a product of m ratios (scaled by powers of two so it never overflows), and
/// the tail is summed down from m by the ratio j / (n - j + 1), so the relative error stays near m·1e-16 with no
/// cancellation. Thread-safe.
/// </para>
/// </remarks>
internal static class BinomialTest
{
    private const double RelativeSlack = 1 + 1e-7;
    private static readonly double TwoTo500 = Math.ScaleB(1.0, 500);

    /// <summary>Computes the two-sided p-value of <paramref name="successes"/> in <paramref name="trials"/> under a success probability of one half.</summary>
    /// <param name="successes">The number of successes, from 0 to <paramref name="trials"/>.</param>
    /// <param name="trials">The number of trials; at least 1.</param>
    /// <returns>The p-value, from 0 to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double TwoSidedPValue(int successes, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);

        var m = Math.Min(successes, trials - successes);
        if (2 * (long)m == trials)
        {
            return 1.0;
        }

        // Terms relative to P(X = m), so the sums neither underflow nor lose the small tail.
        var tail = 1.0;
        var term = 1.0;
        for (var j = m; j >= 1; j--)
        {
            term *= j / (double)(trials - j + 1);
            tail += term;
            if (term < tail * 1e-17)
            {
                break;
            }
        }

        // Outcomes on m's side of the mode, mirrored from the far side that scipy searches, that are as unlikely
        // as m within the slack; they rise monotonically towards the mode, so stop at the first that is not.
        var slack = 0.0;
        term = 1.0;
        for (var j = m + 1; j <= trials / 2; j++)
        {
            term *= (trials - j + 1) / (double)j;
            if (term > RelativeSlack)
            {
                break;
            }

            slack += term;
        }

        return Math.Min(1.0, ProbabilityOf(m, trials) * ((2 * tail) + slack));
    }

    // C(n, m) / 2^n as the product of (n - m + i) / i, i = 1..m, rescaled by 2^-500 whenever it grows large.
    private static double ProbabilityOf(int m, int trials)
    {
        var value = 1.0;
        var exponent = -(long)trials;
        for (var i = 1; i <= m; i++)
        {
            value *= (trials - m + i) / (double)i;
            if (value > TwoTo500)
            {
                value = Math.ScaleB(value, -500);
                exponent += 500;
            }
        }

        return Math.ScaleB(value, (int)exponent);
    }
}

namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>Computes the two-sided Wilcoxon signed-rank test (Wilcoxon 1945) of paired differences.</summary>
/// <remarks>
/// <para>
/// Equal to <c>scipy.stats.wilcoxon(d)</c> with its defaults (<c>zero_method='wilcox'</c>, <c>correction=False</c>,
/// <c>alternative='two-sided'</c>, <c>method='auto'</c>), as written in scipy/stats/_wilcoxon.py at
/// https://github.com/scipy/scipy/blob/3dbf660a919b1479cdf30d533176053b428d08d3/scipy/stats/_wilcoxon.py:
/// </para>
/// <list type="bullet">
/// <item>Zero differences are dropped; the rest are ranked by absolute value, ties getting their average rank.</item>
/// <item><c>auto</c> picks, from n counted with the zeros: more than 50 → asymptotic; otherwise no ties and no zeros →
/// exact; otherwise n ≤ 13 → every sign flip enumerated (scipy's <c>PermutationMethod()</c>, exhaustive below
/// 2^13 = 8192 ≤ 9999 resamples, so deterministic); otherwise asymptotic.</item>
/// <item>Exact: p = 2·min(P(T ≥ ⌊r+⌋), P(T ≤ ⌈r+⌉)) under the untied distribution of the positive rank sum T, capped
/// at 1. Permutation: the same with the actual (average) ranks.</item>
/// <item>Asymptotic: z = (r+ - n(n+1)/4) / √((n(n+1)(2n+1) - Σ(t³ - t)/2) / 24) over the n non-zero differences,
/// t the size of each tie group, no continuity correction; p = 2·Φ(-|z|). With no non-zero difference, z and p are
/// NaN, as in scipy.</item>
/// </list>
/// <para>
/// Rank sums are kept as integers (doubled, so average ranks stay whole), so the exact and permutation p-values are
/// exact fractions over 2^n and equal scipy's bit for bit. Thread-safe; the input is not modified.
/// </para>
/// </remarks>
internal static class WilcoxonSignedRank
{
    private const int ExactLimit = 50;
    private const int PermutationLimit = 13;

    /// <summary>Tests whether <paramref name="candidate"/> minus <paramref name="baseline"/>, item by item, is symmetric about zero.</summary>
    /// <param name="candidate">The candidate's values, one per item.</param>
    /// <param name="baseline">The baseline's values for the same items, in the same order.</param>
    /// <param name="method">How to compute the p-value; scipy's default is <see cref="WilcoxonMethod.Auto"/>.</param>
    /// <returns>The statistic and p-value.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or hold NaN.</exception>
    public static WilcoxonResult Test(ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline, WilcoxonMethod method = WilcoxonMethod.Auto) =>
        Test(PairedDifferences.Compute(candidate, baseline), method);

    /// <summary>Tests whether the distribution of <paramref name="differences"/> is symmetric about zero.</summary>
    /// <param name="differences">The paired differences, candidate minus baseline.</param>
    /// <param name="method">How to compute the p-value; scipy's default is <see cref="WilcoxonMethod.Auto"/>.</param>
    /// <returns>The statistic and p-value.</returns>
    /// <exception cref="ArgumentException"><paramref name="differences"/> is empty or holds NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is exact or permutation, with more than 50 non-zero differences.</exception>
    public static WilcoxonResult Test(ReadOnlySpan<double> differences, WilcoxonMethod method = WilcoxonMethod.Auto)
    {
        if (differences.IsEmpty)
        {
            throw new ArgumentException("The Wilcoxon test needs at least one paired difference.", nameof(differences));
        }

        var magnitudes = new double[differences.Length];
        var positive = new bool[differences.Length];
        var nonZero = 0;
        foreach (var difference in differences)
        {
            if (double.IsNaN(difference))
            {
                throw new ArgumentException("A paired difference is NaN; drop the items without a score before testing.", nameof(differences));
            }

            if (difference != 0)
            {
                magnitudes[nonZero] = Math.Abs(difference);
                positive[nonZero] = difference > 0;
                nonZero++;
            }
        }

        var n = differences.Length;
        var zeros = n - nonZero;
        Array.Sort(magnitudes, positive, 0, nonZero);

        // Doubled average ranks: a tie group at sorted positions i..j (from 0) has average rank (i + j + 2) / 2.
        var doubledRanks = new int[nonZero];
        long doubledRankSumPositive = 0;
        var tieCorrection = 0.0;
        var hasTies = false;
        for (var start = 0; start < nonZero;)
        {
            var end = start;
            while (end + 1 < nonZero && magnitudes[end + 1] == magnitudes[start])
            {
                end++;
            }

            var size = end - start + 1;
            if (size > 1)
            {
                hasTies = true;
                tieCorrection += ((double)size * size * size) - size;
            }

            for (var i = start; i <= end; i++)
            {
                doubledRanks[i] = start + end + 2;
                if (positive[i])
                {
                    doubledRankSumPositive += start + end + 2;
                }
            }

            start = end + 1;
        }

        var rankSumPositive = doubledRankSumPositive / 2.0;
        var rankSumNegative = (nonZero * (nonZero + 1.0) / 2.0) - rankSumPositive;

        var resolved = method;
        if (resolved is WilcoxonMethod.Exact or WilcoxonMethod.Permutation && nonZero > ExactLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(method), method, $"The {method} method enumerates 2^n outcomes and is limited to {ExactLimit} non-zero differences; got {nonZero}. Use Auto or Asymptotic.");
        }

        if (resolved == WilcoxonMethod.Auto)
        {
            resolved = n > ExactLimit ? WilcoxonMethod.Asymptotic
                : !hasTies && zeros == 0 ? WilcoxonMethod.Exact
                : n <= PermutationLimit ? WilcoxonMethod.Permutation
                : WilcoxonMethod.Asymptotic;
        }

        var z = double.NaN;
        double pValue;
        switch (resolved)
        {
            case WilcoxonMethod.Exact:
                // The untied ranks 1..n (doubled: 2, 4, …); a tied, half-integer r+ is rounded outward, as scipy does.
                for (var i = 0; i < nonZero; i++)
                {
                    doubledRanks[i] = 2 * (i + 1);
                }

                pValue = SignFlipPValue(
                    doubledRanks, 2 * (long)Math.Floor(rankSumPositive), 2 * (long)Math.Ceiling(rankSumPositive));
                break;
            case WilcoxonMethod.Permutation:
                pValue = SignFlipPValue(doubledRanks, doubledRankSumPositive, doubledRankSumPositive);
                break;
            default:
                // The same floating-point steps as scipy, so the asymptotic p-value agrees to the last few bits.
                var count = (double)nonZero;
                var mean = count * (count + 1.0) * 0.25;
                var variance = count * (count + 1.0) * ((2.0 * count) + 1.0);
                var standardError = Math.Sqrt((variance - (tieCorrection / 2)) / 24);
                z = -Math.Abs((rankSumPositive - mean) / standardError);
                pValue = StandardNormal.TwoSidedPValue(z);
                break;
        }

        return new WilcoxonResult(
            Math.Min(rankSumPositive, rankSumNegative),
            pValue,
            rankSumPositive,
            rankSumNegative,
            nonZero,
            zeros,
            hasTies,
            resolved,
            z);
    }

    // Counts, over all 2^n sign assignments, the sums of the weights given a plus sign: a subset-sum count, O(n·Σw).
    // Counts are whole numbers below 2^53 for n ≤ 52, so doubles hold them exactly and p is an exact fraction.
    private static double SignFlipPValue(int[] doubledRanks, long lowDoubledStatistic, long highDoubledStatistic)
    {
        var total = 0;
        foreach (var rank in doubledRanks)
        {
            total += rank;
        }

        var counts = new double[total + 1];
        counts[0] = 1;
        var reached = 0;
        foreach (var rank in doubledRanks)
        {
            for (var sum = reached; sum >= 0; sum--)
            {
                counts[sum + rank] += counts[sum];
            }

            reached += rank;
        }

        var atMost = 0.0;
        var atLeast = 0.0;
        for (var sum = 0; sum <= total; sum++)
        {
            if (sum <= highDoubledStatistic)
            {
                atMost += counts[sum];
            }

            if (sum >= lowDoubledStatistic)
            {
                atLeast += counts[sum];
            }
        }

        var outcomes = Math.ScaleB(1.0, doubledRanks.Length);
        return Math.Min(1.0, 2 * Math.Min(atMost, atLeast) / outcomes);
    }
}

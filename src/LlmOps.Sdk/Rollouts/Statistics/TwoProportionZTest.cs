namespace LlmOps.Sdk.Rollouts;

/// <summary>
/// The one-sided two-proportion z-test with a pooled variance and Yates's continuity correction: is the candidate's rate
/// higher than the baseline's?
/// </summary>
/// <remarks>
/// z = (p₂ − p₁ − ½(1/n₁ + 1/n₂)) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)) with p̂ the pooled rate; the p-value is P(Z &gt; z). Its
/// square is the Yates-corrected chi-square of the 2×2 table (<c>scipy.stats.chi2_contingency(table, correction=True)</c>,
/// whose two-sided p-value is twice this one when the candidate's rate is the higher). The correction matters here:
/// the rates a rollout watches are small (errors, slow calls) and the candidate's sample at 5% of traffic is too, and
/// there the plain z-test's upper tail is lighter than the binomial's, so it would halt equal candidates too often.
/// </remarks>
internal static class TwoProportionZTest
{
    /// <summary>Returns the p-value that the candidate's rate (<paramref name="candidateHits"/> of <paramref name="candidateCount"/>) exceeds the baseline's.</summary>
    public static double HigherPValue(long baselineHits, long baselineCount, long candidateHits, long candidateCount)
    {
        if (baselineCount == 0 || candidateCount == 0)
        {
            return 1;
        }

        var pooled = (double)(baselineHits + candidateHits) / (baselineCount + candidateCount);
        var variance = pooled * (1 - pooled) * ((1d / baselineCount) + (1d / candidateCount));
        if (variance <= 0)
        {
            return 1; // both rates are 0, or both are 1: no difference to see
        }

        var correction = 0.5 * ((1d / baselineCount) + (1d / candidateCount));
        var difference = ((double)candidateHits / candidateCount) - ((double)baselineHits / baselineCount);
        return NormalDistribution.UpperTail(Math.Max(0, difference - correction) / Math.Sqrt(variance));
    }
}

namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>Computes McNemar's exact test (McNemar 1947) of paired pass/fail outcomes.</summary>
/// <remarks>
/// Only the discordant pairs carry evidence: b items that only the candidate passed and c items that only the
/// baseline passed. Under the null hypothesis each discordant pair goes either way with probability 1/2, so the
/// p-value is the exact binomial test of b successes in b + c trials, <c>scipy.stats.binomtest(b, b + c, 0.5).pvalue</c>
/// (<see cref="BinomialTest"/>). With no discordant pair there is no evidence of a difference, and the p-value is 1.
/// Thread-safe.
/// </remarks>
internal static class McNemarExact
{
    /// <summary>Tests paired pass/fail outcomes, item by item.</summary>
    /// <param name="candidate">Whether the candidate passed each item.</param>
    /// <param name="baseline">Whether the baseline passed the same items, in the same order.</param>
    /// <returns>The discordant counts and the p-value.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static McNemarResult Test(ReadOnlySpan<bool> candidate, ReadOnlySpan<bool> baseline)
    {
        if (candidate.Length != baseline.Length)
        {
            throw new ArgumentException(
                $"McNemar's test needs one baseline outcome per candidate outcome; got {candidate.Length} candidate and {baseline.Length} baseline outcomes. Keep only the items both ran.",
                nameof(baseline));
        }

        var candidateOnly = 0;
        var baselineOnly = 0;
        for (var i = 0; i < candidate.Length; i++)
        {
            if (candidate[i] != baseline[i])
            {
                if (candidate[i])
                {
                    candidateOnly++;
                }
                else
                {
                    baselineOnly++;
                }
            }
        }

        return Test(candidateOnly, baselineOnly);
    }

    /// <summary>Tests the discordant counts of paired pass/fail outcomes.</summary>
    /// <param name="candidateOnlyPassed">The number of items only the candidate passed.</param>
    /// <param name="baselineOnlyPassed">The number of items only the baseline passed.</param>
    /// <returns>The discordant counts and the p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static McNemarResult Test(int candidateOnlyPassed, int baselineOnlyPassed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidateOnlyPassed);
        ArgumentOutOfRangeException.ThrowIfNegative(baselineOnlyPassed);
        var discordant = candidateOnlyPassed + baselineOnlyPassed;
        var pValue = discordant == 0 ? 1.0 : BinomialTest.TwoSidedPValue(candidateOnlyPassed, discordant);
        return new McNemarResult(candidateOnlyPassed, baselineOnlyPassed, pValue);
    }
}

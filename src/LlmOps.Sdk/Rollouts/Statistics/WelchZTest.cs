namespace LlmOps.Sdk.Rollouts;

/// <summary>The one-sided large-sample test of two means with unequal variances (Welch's statistic against the normal).</summary>
/// <remarks>
/// z = (m₂ − m₁) / √(s₁²/n₁ + s₂²/n₂) with sample variances s²; the p-value is P(Z &gt; z). With the hundreds of calls a
/// rollout step waits for, Welch's t has so many degrees of freedom that it is the normal test to four decimals
/// (<c>scipy.stats.ttest_ind(b, a, equal_var=False, alternative="greater")</c>). Runs on running sums, so a version's
/// figures need no stored samples.
/// </remarks>
internal static class WelchZTest
{
    /// <summary>Returns the p-value that the candidate's mean is higher than the baseline's.</summary>
    public static double HigherPValue(in RunningMean baseline, in RunningMean candidate)
    {
        if (baseline.Count < 2 || candidate.Count < 2)
        {
            return 1;
        }

        var difference = candidate.Mean - baseline.Mean;
        var standardError = Math.Sqrt((baseline.Variance / baseline.Count) + (candidate.Variance / candidate.Count));
        if (standardError <= 0)
        {
            // Both constant: a higher constant is certainly higher, an equal one is not.
            return difference > 0 ? 0 : 1;
        }

        return NormalDistribution.UpperTail(difference / standardError);
    }
}

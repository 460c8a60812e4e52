namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>Compares a candidate with the baseline on one score, over the items both ran, and gives a verdict.</summary>
/// <remarks>
/// <para>
/// Numeric scores: the paired mean difference with its percentile bootstrap interval
/// (<see cref="PercentileBootstrap"/>), and the two-sided Wilcoxon signed-rank test (<see cref="WilcoxonSignedRank"/>).
/// Pass/fail scores: the pass-rate difference with its bootstrap interval, and McNemar's exact test
/// (<see cref="McNemarExact"/>).
/// </para>
/// <para>
/// The verdict follows the test: p &lt; α is significant, and the direction is the test's own (the larger Wilcoxon
/// rank sum; the larger discordant count), flipped for a score where lower is better. A p-value of NaN (every
/// difference zero in a large sample) is no significant difference. The bootstrap interval is reported beside the
/// verdict, not used for it, so the two can disagree near the threshold. With a minimum effect configured, the
/// comparison also estimates its power (<see cref="PowerAnalysis"/>) and flags a sample too small to detect it.
/// </para>
/// <para>Both spans hold one value per item, in the same item order. Thread-safe.</para>
/// </remarks>
internal static class PairedComparison
{
    /// <summary>Compares numeric scores item by item.</summary>
    /// <param name="candidate">The candidate's scores, one per item.</param>
    /// <param name="baseline">The baseline's scores for the same items, in the same order.</param>
    /// <param name="settings">The level, minimum effect, bootstrap settings and direction.</param>
    /// <returns>The comparison and its verdict.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or hold NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static ScoreComparison CompareScores(ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline, ComparisonSettings settings)
    {
        Validate(settings);
        var differences = PairedDifferences.Compute(candidate, baseline);
        var wilcoxon = WilcoxonSignedRank.Test(differences);
        var interval = PercentileBootstrap.MeanInterval(differences, settings.Seed, settings.Resamples, settings.ConfidenceLevel);
        var verdict = Decide(wilcoxon.PValue, wilcoxon.RankSumPositive.CompareTo(wilcoxon.RankSumNegative), settings.Alpha, settings.HigherIsBetter);
        PowerEstimate? power = settings.MinimumEffect is { } effect
            ? PowerAnalysis.PairedMean(differences.Length, Descriptive.StandardDeviation(differences), effect, settings.Alpha, settings.TargetPower)
            : null;
        return new ScoreComparison(differences.Length, interval, wilcoxon, verdict, power);
    }

    /// <summary>Compares pass/fail outcomes item by item.</summary>
    /// <param name="candidate">Whether the candidate passed each item.</param>
    /// <param name="baseline">Whether the baseline passed the same items, in the same order.</param>
    /// <param name="settings">The level, minimum pass-rate difference and bootstrap settings; the direction is ignored, since passing is better.</param>
    /// <returns>The comparison and its verdict.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static PassFailComparison ComparePassFail(ReadOnlySpan<bool> candidate, ReadOnlySpan<bool> baseline, ComparisonSettings settings)
    {
        Validate(settings);
        var mcNemar = McNemarExact.Test(candidate, baseline);
        if (candidate.IsEmpty)
        {
            throw new ArgumentException("Paired statistics need at least one item that both candidates ran.", nameof(candidate));
        }

        var differences = new double[candidate.Length];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = (candidate[i] ? 1 : 0) - (baseline[i] ? 1 : 0);
        }

        var interval = PercentileBootstrap.MeanInterval(differences, settings.Seed, settings.Resamples, settings.ConfidenceLevel);
        var verdict = Decide(mcNemar.PValue, mcNemar.CandidateOnlyPassed.CompareTo(mcNemar.BaselineOnlyPassed), settings.Alpha, higherIsBetter: true);
        PowerEstimate? power = settings.MinimumEffect is { } effect
            ? PowerAnalysis.McNemar(candidate.Length, mcNemar.Discordant, effect, settings.Alpha, settings.TargetPower)
            : null;
        return new PassFailComparison(
            candidate.Length,
            Descriptive.PassRate(candidate),
            Descriptive.PassRate(baseline),
            interval,
            mcNemar,
            verdict,
            power);
    }

    private static void Validate(ComparisonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!(settings.Alpha > 0 && settings.Alpha < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), settings.Alpha, "The significance level (Alpha) must lie strictly between 0 and 1, such as 0.05.");
        }

        if (!(settings.TargetPower > 0 && settings.TargetPower < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), settings.TargetPower, "The target power (TargetPower) must lie strictly between 0 and 1, such as 0.8.");
        }
    }

    /// <summary>Turns a p-value and the direction of the difference into a verdict.</summary>
    /// <param name="pValue">The test's two-sided p-value; NaN counts as not significant.</param>
    /// <param name="direction">Positive when the candidate's values are ahead, negative when the baseline's are.</param>
    /// <param name="alpha">The significance level.</param>
    /// <param name="higherIsBetter">Whether higher values are better.</param>
    /// <returns>The verdict.</returns>
    public static ComparisonVerdict Decide(double pValue, int direction, double alpha, bool higherIsBetter)
    {
        if (!(pValue < alpha) || direction == 0)
        {
            return ComparisonVerdict.NoSignificantDifference;
        }

        return (direction > 0) == higherIsBetter ? ComparisonVerdict.Better : ComparisonVerdict.Worse;
    }
}

namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>A candidate against the baseline on one pass/fail score, over the items both ran.</summary>
/// <param name="Pairs">The number of items both ran.</param>
/// <param name="CandidatePassRate">The candidate's pass rate on those items.</param>
/// <param name="BaselinePassRate">The baseline's pass rate on those items.</param>
/// <param name="PassRateDifference">The candidate's pass rate minus the baseline's, with its bootstrap interval.</param>
/// <param name="McNemar">McNemar's exact test of the discordant pairs, which decides the verdict.</param>
/// <param name="Verdict">Better, worse, or no significant difference at the chosen level.</param>
/// <param name="Power">The power to detect the configured minimum pass-rate difference, or <see langword="null"/> when none is configured.</param>
internal readonly record struct PassFailComparison(
    int Pairs,
    double CandidatePassRate,
    double BaselinePassRate,
    BootstrapInterval PassRateDifference,
    McNemarResult McNemar,
    ComparisonVerdict Verdict,
    PowerEstimate? Power);

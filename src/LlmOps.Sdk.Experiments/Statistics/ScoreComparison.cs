namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>A candidate against the baseline on one numeric score, over the items both ran.</summary>
/// <param name="Pairs">The number of items both ran.</param>
/// <param name="MeanDifference">The mean of candidate minus baseline, with its bootstrap interval.</param>
/// <param name="Wilcoxon">The Wilcoxon signed-rank test of the differences, which decides the verdict.</param>
/// <param name="Verdict">Better, worse, or no significant difference at the chosen level.</param>
/// <param name="Power">The power to detect the configured minimum effect, or <see langword="null"/> when none is configured.</param>
internal readonly record struct ScoreComparison(
    int Pairs, BootstrapInterval MeanDifference, WilcoxonResult Wilcoxon, ComparisonVerdict Verdict, PowerEstimate? Power);

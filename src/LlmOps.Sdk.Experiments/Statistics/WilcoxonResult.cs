namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>The outcome of a two-sided Wilcoxon signed-rank test.</summary>
/// <param name="Statistic">The smaller of the two rank sums, as scipy reports it for a two-sided test.</param>
/// <param name="PValue">The two-sided p-value; NaN when the normal approximation has no non-zero difference to use.</param>
/// <param name="RankSumPositive">The sum of the ranks of the positive differences (the candidate ahead).</param>
/// <param name="RankSumNegative">The sum of the ranks of the negative differences (the baseline ahead).</param>
/// <param name="NonZeroCount">The number of non-zero differences, the ones that were ranked.</param>
/// <param name="ZeroCount">The number of zero differences, dropped before ranking.</param>
/// <param name="HasTies">Whether two non-zero differences share an absolute value.</param>
/// <param name="Method">How the p-value was computed; never <see cref="WilcoxonMethod.Auto"/>.</param>
/// <param name="ZStatistic">The normal approximation's -|z|, or NaN when another method was used.</param>
internal readonly record struct WilcoxonResult(
    double Statistic,
    double PValue,
    double RankSumPositive,
    double RankSumNegative,
    int NonZeroCount,
    int ZeroCount,
    bool HasTies,
    WilcoxonMethod Method,
    double ZStatistic);

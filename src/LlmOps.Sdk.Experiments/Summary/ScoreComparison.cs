namespace LlmOps.Sdk.Experiments;

/// <summary>One score of a candidate compared with the baseline, paired by item.</summary>
public sealed record ScoreComparison
{
    /// <summary>Gets the score's name.</summary>
    public required string Score { get; init; }

    /// <summary>Gets the number of items where both have a value.</summary>
    public required int Pairs { get; init; }

    /// <summary>Gets the baseline's mean over the paired items.</summary>
    public required double BaselineMean { get; init; }

    /// <summary>Gets the candidate's mean over the paired items.</summary>
    public required double CandidateMean { get; init; }

    /// <summary>Gets the mean of the differences, candidate minus baseline.</summary>
    public required double MeanDifference { get; init; }

    /// <summary>Gets the percentile bootstrap confidence interval of <see cref="MeanDifference"/>, resampling items.</summary>
    public required ConfidenceInterval Interval { get; init; }

    /// <summary>Gets the two-sided p-value of the Wilcoxon signed-rank test on the differences, for a score with numeric values.</summary>
    public double? WilcoxonPValue { get; init; }

    /// <summary>Gets the number of items the baseline passed and the candidate failed, for a pass/fail score.</summary>
    public int? BaselineOnlyPassed { get; init; }

    /// <summary>Gets the number of items the candidate passed and the baseline failed, for a pass/fail score.</summary>
    public int? CandidateOnlyPassed { get; init; }

    /// <summary>Gets the two-sided p-value of McNemar's exact test on the discordant items, for a pass/fail score.</summary>
    public double? McNemarPValue { get; init; }

    /// <summary>Gets the p-value the verdict rests on: Wilcoxon's for a numeric score, otherwise McNemar's.</summary>
    public required double PValue { get; init; }

    /// <summary>Gets the verdict at the summary's significance level.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Gets a warning when there are too few paired items to detect the minimum effect, otherwise <see langword="null"/>.</summary>
    public string? Warning { get; init; }
}

namespace LlmOps.Sdk.Experiments;

/// <summary>The statistics of one score of one candidate, taken over items.</summary>
/// <remarks>A pass/fail score without numeric values counts a pass as 1 and a failure or an error as 0, so its mean is its pass rate per item.</remarks>
public sealed record ScoreSummary
{
    /// <summary>Gets the score's name, such as <c>token_f1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the number of items with a value.</summary>
    public required int Count { get; init; }

    /// <summary>Gets the mean over items.</summary>
    public required double Mean { get; init; }

    /// <summary>Gets the sample standard deviation over items (n − 1 in the denominator); 0 for one item.</summary>
    public required double StandardDeviation { get; init; }

    /// <summary>Gets the percentile bootstrap confidence interval of the mean.</summary>
    public required ConfidenceInterval Interval { get; init; }

    /// <summary>Gets the share of cases that passed, errors counted as failures, or <see langword="null"/> when the score is not pass/fail.</summary>
    public double? PassRate { get; init; }
}

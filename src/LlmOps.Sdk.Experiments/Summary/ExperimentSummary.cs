namespace LlmOps.Sdk.Experiments;

/// <summary>The statistics of one experiment's results: per candidate, against the baseline, and per unstable item.</summary>
/// <remarks>
/// Computed by <see cref="ExperimentSummarizer"/> in one streaming pass over a results file. Statistics are taken over
/// items: when an item ran several times, its value is the mean of its runs, so repetitions sharpen an item's value
/// instead of counting as more items.
/// </remarks>
public sealed record ExperimentSummary
{
    /// <summary>Gets the results files the summary was computed from.</summary>
    public required IReadOnlyList<SummarySource> Sources { get; init; }

    /// <summary>Gets the ids of the experiments found in the results.</summary>
    public required IReadOnlyList<string> ExperimentIds { get; init; }

    /// <summary>Gets the content hashes of the datasets found in the results; more than one means the candidates ran on different data.</summary>
    public required IReadOnlyList<string> DatasetHashes { get; init; }

    /// <summary>Gets the number of distinct items.</summary>
    public required int Items { get; init; }

    /// <summary>Gets the number of cases (lines) read.</summary>
    public required int Cases { get; init; }

    /// <summary>Gets the baseline candidate the comparisons are made against, or <see langword="null"/> when there are no candidates.</summary>
    public string? Baseline { get; init; }

    /// <summary>Gets the level of the confidence intervals, such as 0.95.</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>Gets the significance level of the verdicts, such as 0.05.</summary>
    public required double Alpha { get; init; }

    /// <summary>Gets the number of bootstrap resamples behind each interval.</summary>
    public required int Resamples { get; init; }

    /// <summary>Gets the seed of the bootstrap.</summary>
    public required int Seed { get; init; }

    /// <summary>Gets the smallest difference the sample-size warnings were computed for.</summary>
    public required double MinimumEffect { get; init; }

    /// <summary>Gets the candidates, in the order they first appear in the results.</summary>
    public required IReadOnlyList<CandidateSummary> Candidates { get; init; }

    /// <summary>Gets each candidate's comparison with its baseline.</summary>
    public required IReadOnlyList<CandidateComparison> Comparisons { get; init; }

    /// <summary>Gets the items a candidate failed where its baseline passed, the largest drops first within each candidate.</summary>
    public required IReadOnlyList<Regression> Regressions { get; init; }

    /// <summary>Gets the items whose repeated runs disagree, the most unstable first.</summary>
    public required IReadOnlyList<ItemStability> UnstableItems { get; init; }

    /// <summary>Gets what a reader should know before trusting the numbers, such as mixed datasets.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}

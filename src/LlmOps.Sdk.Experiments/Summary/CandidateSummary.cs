namespace LlmOps.Sdk.Experiments;

/// <summary>The statistics of one candidate: its scores, latency, tokens, cost and stability.</summary>
public sealed record CandidateSummary
{
    /// <summary>Gets the candidate's name; in a comparison of two files it carries the file's label, such as <c>before/v3</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the model of the candidate's first case.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the prompt name of the candidate's first case.</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the prompt version of the candidate's first case.</summary>
    public int? PromptVersion { get; init; }

    /// <summary>Gets the number of cases.</summary>
    public required int Cases { get; init; }

    /// <summary>Gets the number of distinct items.</summary>
    public required int Items { get; init; }

    /// <summary>Gets the largest number of runs of one item.</summary>
    public required int Repetitions { get; init; }

    /// <summary>Gets the number of cases that failed with an error.</summary>
    public required int Errors { get; init; }

    /// <summary>Gets the share of cases that passed every pass/fail score without error, or <see langword="null"/> when no score is pass/fail.</summary>
    public double? PassRate { get; init; }

    /// <summary>Gets the statistics of each score, in the order the scores first appear.</summary>
    public required IReadOnlyList<ScoreSummary> Scores { get; init; }

    /// <summary>Gets the latency of the cases, errors included.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Gets the input tokens of all cases.</summary>
    public required long InputTokens { get; init; }

    /// <summary>Gets the output tokens of all cases.</summary>
    public required long OutputTokens { get; init; }

    /// <summary>Gets the estimated cost of all cases, or <see langword="null"/> when no case had a price.</summary>
    public decimal? TotalCost { get; init; }

    /// <summary>Gets the mean estimated cost of one run of one item, or <see langword="null"/> when no case had a price.</summary>
    public decimal? CostPerItem { get; init; }

    /// <summary>Gets the mean, over items that ran more than once, of the share of runs that gave the item's most common output.</summary>
    /// <value><see langword="null"/> when no item ran more than once; 1 when every repeated item always gave the same output.</value>
    public double? OutputAgreement { get; init; }

    /// <summary>Gets the number of items whose repeated runs disagree: some passed and some failed, or, without pass/fail scores, the outputs differ.</summary>
    public int UnstableItems { get; init; }
}

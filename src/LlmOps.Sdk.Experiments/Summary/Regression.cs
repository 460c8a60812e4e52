namespace LlmOps.Sdk.Experiments;

/// <summary>An item and pass/fail score that the baseline passed and the candidate failed.</summary>
/// <remarks>With repetitions, an item passes when more than half of its runs pass; an error is a failure.</remarks>
public sealed record Regression
{
    /// <summary>Gets the candidate that failed.</summary>
    public required string Candidate { get; init; }

    /// <summary>Gets the baseline that passed.</summary>
    public required string Baseline { get; init; }

    /// <summary>Gets the item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>Gets the score's name.</summary>
    public required string Score { get; init; }

    /// <summary>Gets the baseline's value of the score on this item (its pass rate for a score without values).</summary>
    public required double BaselineValue { get; init; }

    /// <summary>Gets the candidate's value of the score on this item, or <see langword="null"/> when every run failed with an error.</summary>
    public double? CandidateValue { get; init; }

    /// <summary>Gets the candidate's error on this item, when its runs failed with one.</summary>
    public string? CandidateError { get; init; }
}

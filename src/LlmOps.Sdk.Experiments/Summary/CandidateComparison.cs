namespace LlmOps.Sdk.Experiments;

/// <summary>A candidate compared with its baseline on the items both ran.</summary>
public sealed record CandidateComparison
{
    /// <summary>Gets the candidate.</summary>
    public required string Candidate { get; init; }

    /// <summary>Gets the baseline.</summary>
    public required string Baseline { get; init; }

    /// <summary>Gets the number of items both ran.</summary>
    public required int PairedItems { get; init; }

    /// <summary>Gets the comparison of each score both have.</summary>
    public required IReadOnlyList<ScoreComparison> Scores { get; init; }

    /// <summary>Gets the number of regressions: item and score pairs the baseline passed and the candidate failed.</summary>
    public required int Regressions { get; init; }
}

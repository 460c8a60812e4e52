namespace LlmOps.Sdk.Experiments;

/// <summary>How consistently a candidate answered one item over its repeated runs.</summary>
public sealed record ItemStability
{
    /// <summary>Gets the candidate.</summary>
    public required string Candidate { get; init; }

    /// <summary>Gets the item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>Gets the number of runs.</summary>
    public required int Runs { get; init; }

    /// <summary>Gets the share of runs that passed every pass/fail score without error, or <see langword="null"/> without pass/fail scores.</summary>
    public double? PassRate { get; init; }

    /// <summary>Gets the share of runs that gave the most common output; 1 when all runs agree.</summary>
    public required double OutputAgreement { get; init; }

    /// <summary>Gets the number of different outputs.</summary>
    public required int DistinctOutputs { get; init; }
}

namespace LlmOps.Sdk.Experiments;

/// <summary>The distribution of a candidate's latencies, in milliseconds.</summary>
public sealed record LatencySummary
{
    /// <summary>Gets the mean.</summary>
    public required double Mean { get; init; }

    /// <summary>Gets the median (linear interpolation between the closest ranks, as numpy's default).</summary>
    public required double P50 { get; init; }

    /// <summary>Gets the 95th percentile.</summary>
    public required double P95 { get; init; }

    /// <summary>Gets the fastest case.</summary>
    public required double Min { get; init; }

    /// <summary>Gets the slowest case.</summary>
    public required double Max { get; init; }

    /// <summary>Gets the width of each histogram bin; every candidate of a summary shares the same bins, starting at 0.</summary>
    public required double BinWidth { get; init; }

    /// <summary>Gets the number of cases in each bin; the last bin also holds everything slower.</summary>
    public required IReadOnlyList<int> Histogram { get; init; }
}

namespace LlmOps.Sdk.Experiments;

/// <summary>What one candidate did on one item of the item table, over its runs.</summary>
internal sealed class ItemCell
{
    public int Runs { get; set; }

    public string? Error { get; set; }

    /// <summary>Gets or sets the output of the earliest repetition, the one shown.</summary>
    public string? Output { get; set; }

    public int OutputRepetition { get; set; } = int.MaxValue;

    public Dictionary<string, ScoreCell> Scores { get; } = new(StringComparer.Ordinal);
}

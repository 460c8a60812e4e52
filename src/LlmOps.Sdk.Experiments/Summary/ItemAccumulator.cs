namespace LlmOps.Sdk.Experiments;

/// <summary>What one candidate did on one item, over its runs: sums and counts, never the outputs themselves.</summary>
internal sealed class ItemAccumulator
{
    public int Runs { get; set; }

    public int ErrorRuns { get; set; }

    /// <summary>Gets or sets the runs without error whose pass/fail scores all passed.</summary>
    public int AllPassRuns { get; set; }

    /// <summary>Gets or sets the first error message, shown next to a regression.</summary>
    public string? Error { get; set; }

    public ScoreCell[] Cells { get; set; } = [];

    public List<ulong> OutputHashes { get; } = new(1);

    public ref ScoreCell Cell(int scoreIndex)
    {
        if (scoreIndex >= Cells.Length)
        {
            var cells = Cells;
            Array.Resize(ref cells, scoreIndex + 1);
            Cells = cells;
        }

        return ref Cells[scoreIndex];
    }
}

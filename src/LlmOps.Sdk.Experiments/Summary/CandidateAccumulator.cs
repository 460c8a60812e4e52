namespace LlmOps.Sdk.Experiments;

/// <summary>The running totals of one candidate while a results file streams by.</summary>
internal sealed class CandidateAccumulator(string name, string? label, string originalName)
{
    public string Name { get; } = name;

    public string? Label { get; } = label;

    public string OriginalName { get; } = originalName;

    public string? Model { get; set; }

    public string? PromptName { get; set; }

    public int? PromptVersion { get; set; }

    public int Cases { get; set; }

    public int Errors { get; set; }

    public int AllPassCases { get; set; }

    /// <summary>Gets or sets the cases that had a pass/fail score or an error, the denominator of the pass rate.</summary>
    public int AllPassEligibleCases { get; set; }

    public List<double> Latencies { get; } = [];

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public decimal Cost { get; set; }

    public int CostCases { get; set; }

    /// <summary>Gets the items this candidate ran, indexed by the summary's item index; null where it did not run one.</summary>
    public List<ItemAccumulator?> Items { get; } = [];

    /// <summary>Gets which scores this candidate was given, indexed by score index.</summary>
    public List<bool> SeenScores { get; } = [];

    public ItemAccumulator Item(int itemIndex)
    {
        while (Items.Count <= itemIndex)
        {
            Items.Add(null);
        }

        return Items[itemIndex] ??= new ItemAccumulator();
    }

    public ItemAccumulator? ItemOrNull(int itemIndex) => itemIndex < Items.Count ? Items[itemIndex] : null;

    public void See(int scoreIndex)
    {
        while (SeenScores.Count <= scoreIndex)
        {
            SeenScores.Add(false);
        }

        SeenScores[scoreIndex] = true;
    }

    public bool Saw(int scoreIndex) => scoreIndex < SeenScores.Count && SeenScores[scoreIndex];
}

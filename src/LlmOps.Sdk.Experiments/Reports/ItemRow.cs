namespace LlmOps.Sdk.Experiments;

/// <summary>One row of the HTML report's item table: an item, what each candidate did on it, and whether it regressed.</summary>
internal sealed class ItemRow(string itemId)
{
    public string ItemId { get; } = itemId;

    public List<string> Regressions { get; } = [];

    public bool Unstable { get; set; }

    public Dictionary<string, ItemCell> Cells { get; } = new(StringComparer.Ordinal);
}

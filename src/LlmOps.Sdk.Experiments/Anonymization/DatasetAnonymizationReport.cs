namespace LlmOps.Sdk.Experiments;

/// <summary>What anonymising a dataset changed: records read, fields rewritten and values replaced by kind.</summary>
/// <param name="Records">How many records (JSONL lines or CSV rows) were read; blank lines are not records.</param>
/// <param name="RecordsChanged">How many records had at least one value replaced.</param>
/// <param name="FieldsChanged">How many field values (JSON strings or CSV cells) had at least one value replaced.</param>
/// <param name="Replacements">How many values were replaced, by kind (<c>EMAIL</c>, <c>PHONE</c>, …), ordered by kind.</param>
/// <remarks>The report holds counts only, never a value found, so it can be logged and shared.</remarks>
public sealed record DatasetAnonymizationReport(
    int Records, int RecordsChanged, int FieldsChanged, IReadOnlyDictionary<string, int> Replacements)
{
    /// <summary>Gets how many values were replaced in all.</summary>
    public int TotalReplacements => Replacements.Values.Sum();
}

namespace LlmOps.Sdk.Experiments;

/// <summary>One case to run: an item, through a candidate, for one repetition.</summary>
/// <param name="Item">The dataset item.</param>
/// <param name="Plan">The candidate, ready to run.</param>
/// <param name="Repetition">The repetition, from 0.</param>
internal readonly record struct ExperimentCase(DatasetItem Item, CandidatePlan Plan, int Repetition)
{
    public string Key => CaseKey.Of(Item.Id, Item.ContentHash, Plan.Name, Repetition, Plan.Prompt.ContentHash, Plan.Model, Plan.SettingsHash);
}

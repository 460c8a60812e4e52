namespace LlmOps.Sdk.Experiments;

/// <summary>Where a run of a word diff comes from.</summary>
internal enum DiffKind
{
    Same,
    Removed,
    Added,
}

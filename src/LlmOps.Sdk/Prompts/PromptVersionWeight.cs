namespace LlmOps.Sdk.Prompts;

/// <summary>One target of a label: a version and its share of the label's traffic.</summary>
/// <param name="Version">The version number the label points to.</param>
/// <param name="Weight">The relative share of traffic, greater than zero; a label with one target ignores it.</param>
public readonly record struct PromptVersionWeight(int Version, double Weight = 1);

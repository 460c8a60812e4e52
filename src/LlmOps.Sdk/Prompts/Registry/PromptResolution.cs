namespace LlmOps.Sdk.Prompts;

/// <summary>The prompt version that answers a call, and how it was chosen and served.</summary>
/// <param name="Prompt">The version that answers.</param>
/// <param name="Label">The label it was reached through, or <see langword="null"/> when the call named a version.</param>
/// <param name="Variant">Which target of a traffic split was chosen (such as <c>v4</c>), or <see langword="null"/> when the label has one target.</param>
/// <param name="State">Whether it was fresh, cached, stale or a fallback.</param>
public readonly record struct PromptResolution(PromptVersion Prompt, string? Label, string? Variant, PromptResolutionState State);

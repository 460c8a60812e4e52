namespace LlmOps.Sdk.Prompts;

/// <summary>A label's targets before and after a change.</summary>
/// <param name="Name">The prompt's name.</param>
/// <param name="Label">The label.</param>
/// <param name="Before">Where it pointed before; empty when it did not exist.</param>
/// <param name="After">Where it points now; empty when it was removed.</param>
public sealed record PromptLabelMove(
    string Name,
    string Label,
    IReadOnlyList<PromptVersionWeight> Before,
    IReadOnlyList<PromptVersionWeight> After);

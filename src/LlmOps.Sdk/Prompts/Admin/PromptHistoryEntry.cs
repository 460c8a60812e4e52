namespace LlmOps.Sdk.Prompts;

/// <summary>One recorded change to a prompt: a publish or a label change.</summary>
/// <param name="Sequence">The change's position in the store's history; increases with every change.</param>
/// <param name="At">When the change was written.</param>
/// <param name="Kind">What kind of change it was.</param>
/// <param name="Name">The prompt's name.</param>
/// <param name="Version">The published version, for a publish; otherwise <see langword="null"/>.</param>
/// <param name="Label">The label, for a label change; otherwise <see langword="null"/>.</param>
/// <param name="Before">The label's targets before the change; empty for a publish or a new label.</param>
/// <param name="After">The label's targets after the change; empty for a publish or a removal.</param>
/// <param name="Actor">Who made the change.</param>
/// <param name="Reason">Why.</param>
public sealed record PromptHistoryEntry(
    long Sequence,
    DateTimeOffset At,
    PromptHistoryKind Kind,
    string Name,
    int? Version,
    string? Label,
    IReadOnlyList<PromptVersionWeight> Before,
    IReadOnlyList<PromptVersionWeight> After,
    string Actor,
    string Reason);

namespace LlmOps.Sdk.Prompts;

/// <summary>What the stores said about one prompt at one moment.</summary>
/// <param name="Definition">The prompt, or <see langword="null"/> when no store has it.</param>
/// <param name="Previous">The definition this one replaced, to explain a label or prompt that disappeared.</param>
/// <param name="LoadedAt">When it was read, as a <see cref="TimeProvider"/> timestamp.</param>
/// <param name="RefreshAt">When it should be read again, as a <see cref="TimeProvider"/> timestamp.</param>
/// <param name="Generation">The registry's store-change generation when it was read.</param>
/// <param name="RefreshFailed">Whether the last attempt to read it again failed.</param>
/// <param name="FromSnapshotFile">Whether it came from the snapshot file because the stores failed, not from a store.</param>
internal sealed record PromptSnapshot(
    PromptDefinition? Definition,
    PromptDefinition? Previous,
    long LoadedAt,
    long RefreshAt,
    int Generation,
    bool RefreshFailed,
    bool FromSnapshotFile = false);

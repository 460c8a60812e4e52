namespace LlmOps.Sdk.Prompts;

/// <summary>What one prompt folder holds: its definition when every file loads, or the problems found.</summary>
/// <param name="Definition">The prompt; <see langword="null"/> when there are errors or no versions.</param>
/// <param name="Errors">Every problem in the folder, each with its file, line and column.</param>
internal sealed record PromptFolderScan(PromptDefinition? Definition, IReadOnlyList<PromptException> Errors);

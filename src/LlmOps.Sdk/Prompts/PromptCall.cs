namespace LlmOps.Sdk.Prompts;

/// <summary>The prompt a call names, carried in <see cref="ChatOptions.AdditionalProperties"/> to the prompt stage.</summary>
/// <param name="Name">The prompt's name.</param>
/// <param name="Variables">The values the templates read.</param>
/// <param name="Label">The label, or <see langword="null"/> for the default.</param>
/// <param name="Version">An exact version, or <see langword="null"/>.</param>
/// <param name="SplitKey">The key that keeps a traffic split sticky, or <see langword="null"/> to use the conversation id.</param>
internal sealed record PromptCall(string Name, object? Variables, string? Label, int? Version, string? SplitKey);

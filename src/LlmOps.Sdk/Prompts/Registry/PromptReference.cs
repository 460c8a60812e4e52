namespace LlmOps.Sdk.Prompts;

/// <summary>Names the prompt a call wants: by label, by version, or the default label when it gives neither.</summary>
/// <param name="Name">The prompt's name.</param>
/// <param name="Label">The label, such as <c>production</c> or <c>latest</c>; <see langword="null"/> for the default label.</param>
/// <param name="Version">An exact version number; wins over <paramref name="Label"/>.</param>
/// <param name="SplitKey">The key that keeps a traffic split's choice sticky, such as a user or conversation id.</param>
public readonly record struct PromptReference(string Name, string? Label = null, int? Version = null, string? SplitKey = null);

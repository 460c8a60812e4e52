namespace LlmOps.Sdk.Experiments;

/// <summary>A run of text that both outputs share, or that only one has.</summary>
internal readonly record struct DiffSpan(DiffKind Kind, string Text);

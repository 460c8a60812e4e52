namespace LlmOps.Sdk.Prompts;

/// <summary>Where each part of a prompt version loaded from a file was written, for errors found after parsing.</summary>
/// <param name="File">The file's position of the version as a whole (line 1).</param>
/// <param name="Templates">The origin of each message template, in message order.</param>
/// <param name="Variables">The position of each declared variable, by name.</param>
internal sealed record PromptSource(SourceSpan File, IReadOnlyList<TemplateOrigin> Templates, IReadOnlyDictionary<string, SourceSpan> Variables);

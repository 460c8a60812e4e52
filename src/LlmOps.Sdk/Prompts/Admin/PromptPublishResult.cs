namespace LlmOps.Sdk.Prompts;

/// <summary>What publishing a version did.</summary>
/// <param name="Version">The version now in the store: the one published, or the existing one with the same content.</param>
/// <param name="Created"><see langword="true"/> when the version was written; <see langword="false"/> when identical content was already published.</param>
public sealed record PromptPublishResult(PromptVersion Version, bool Created);

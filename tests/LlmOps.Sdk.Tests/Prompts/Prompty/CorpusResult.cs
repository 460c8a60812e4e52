using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Prompty;

/// <summary>How one corpus file fared: loaded (no error), or refused with this error.</summary>
/// <param name="File">The file, relative to the corpus folder.</param>
/// <param name="Error">Why it was refused, or <see langword="null"/> when it loaded.</param>
internal sealed record CorpusResult(string File, PromptException? Error);

namespace LlmOps.Sdk.Prompts;

/// <summary>What a <c>.prompty</c> file's references resolve against: the prompts directory and the environment.</summary>
/// <param name="Root">The prompts directory; <c>${file:…}</c> may read any file inside it, and nothing outside.</param>
/// <param name="Environment">Reads an environment variable, or returns <see langword="null"/> when it is not set.</param>
internal sealed record PromptyContext(string Root, Func<string, string?> Environment);

namespace LlmOps.Sdk.Prompts;

/// <summary>What the prompt stage passes on: the messages and options the inner client receives, and the version rendered.</summary>
internal readonly record struct PreparedCall(IEnumerable<ChatMessage> Messages, ChatOptions? Options, PromptVersion? Prompt);

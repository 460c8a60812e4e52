namespace LlmOps.Sdk.Prompts;

/// <summary>One message of a chat prompt: its role and the Mustache template of its text.</summary>
/// <param name="Role">The role of the rendered message.</param>
/// <param name="Template">The Mustache template that renders the message's text.</param>
public sealed record PromptMessageTemplate(ChatRole Role, string Template);

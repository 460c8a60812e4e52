namespace LlmOps.Sdk.Prompts;

/// <summary>One message of a <see cref="ChatPromptTemplate"/>: the role it is sent with and the template of its text.</summary>
/// <param name="Role">The role of the rendered message.</param>
/// <param name="Template">The template of the message's text.</param>
public sealed record ChatPromptTemplateMessage(ChatRole Role, PromptTemplate Template);

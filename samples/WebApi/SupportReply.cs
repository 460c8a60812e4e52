namespace WebApi;

/// <summary>What <c>POST /support</c> answers: the reply, the prompt version that produced it and what it cost in tokens.</summary>
/// <param name="Answer">The model's reply.</param>
/// <param name="Prompt">The name of the prompt that was rendered.</param>
/// <param name="PromptVersion">The version that the prompt's production label pointed to.</param>
/// <param name="InputTokens">The tokens sent, as the provider counted them.</param>
/// <param name="OutputTokens">The tokens received, as the provider counted them.</param>
public sealed record SupportReply(string Answer, string? Prompt, int? PromptVersion, long? InputTokens, long? OutputTokens);

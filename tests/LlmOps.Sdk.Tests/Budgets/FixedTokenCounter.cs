using LlmOps.Sdk.Budgets;

namespace LlmOps.Sdk.Tests.Budgets;

/// <summary>Counts every call at the same number of input tokens, so that estimates are round numbers.</summary>
internal sealed class FixedTokenCounter(int tokens) : ITokenCounter
{
    public int CountInputTokens(IReadOnlyList<ChatMessage> messages, string? modelId) => tokens;
}

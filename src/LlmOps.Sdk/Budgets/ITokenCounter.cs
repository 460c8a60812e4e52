namespace LlmOps.Sdk.Budgets;

/// <summary>Counts the input tokens a chat call will send, for the budget and rate-limit estimates.</summary>
/// <remarks>
/// The default counts characters (see <see cref="CharacterTokenCounter"/>), which needs no tokenizer data. Register
/// your own as a service (a tokenizer for your models' encoding) to make estimates exact; it must be thread-safe and
/// fast, because it runs before every call.
/// </remarks>
public interface ITokenCounter
{
    /// <summary>Counts the tokens <paramref name="messages"/> take as a request's input for <paramref name="modelId"/>.</summary>
    /// <param name="messages">The messages the call sends.</param>
    /// <param name="modelId">The model the call asks for, or <see langword="null"/> when unknown.</param>
    /// <returns>The number of input tokens, at least 0.</returns>
    int CountInputTokens(IReadOnlyList<ChatMessage> messages, string? modelId);
}

namespace LlmOps.Sdk.Budgets;

/// <summary>Estimates input tokens from characters: one token per 4 characters of text, rounded up, plus per-message overhead.</summary>
/// <remarks>
/// <para>
/// Four characters per token is OpenAI's rule of thumb for English text with its tokenizers
/// (https://help.openai.com/en/articles/4936856-what-are-tokens-and-how-to-count-them); each message adds 4 tokens for
/// its role and separators and the request 3 for priming the reply, as OpenAI's cookbook counts them
/// (https://cookbook.openai.com/examples/how_to_count_tokens_with_tiktoken). An image or other binary content counts
/// 85 tokens, the price of a low-detail image. Function calls and results count the characters of their names and values.
/// </para>
/// <para>
/// Text in languages that need more tokens per character (Chinese, Japanese, code with many symbols) is under-counted;
/// register an <see cref="ITokenCounter"/> built on the model's tokenizer when that matters. The output side is never
/// counted here: the estimate takes the call's maximum output tokens.
/// </para>
/// </remarks>
public sealed class CharacterTokenCounter : ITokenCounter
{
    private const int CharactersPerToken = 4;
    private const int TokensPerMessage = 4;
    private const int TokensPerReply = 3;
    private const int TokensPerAttachment = 85;

    /// <summary>Gets the shared instance.</summary>
    public static CharacterTokenCounter Instance { get; } = new();

    /// <inheritdoc/>
    public int CountInputTokens(IReadOnlyList<ChatMessage> messages, string? modelId)
    {
        ArgumentNullException.ThrowIfNull(messages);
        long tokens = TokensPerReply;
        for (var m = 0; m < messages.Count; m++)
        {
            tokens += TokensPerMessage;
            long characters = 0;
            var contents = messages[m].Contents;
            for (var c = 0; c < contents.Count; c++)
            {
                switch (contents[c])
                {
                    case TextContent text:
                        characters += text.Text?.Length ?? 0;
                        break;
                    case TextReasoningContent reasoning:
                        characters += reasoning.Text?.Length ?? 0;
                        break;
                    case FunctionCallContent call:
                        characters += call.Name.Length + ArgumentCharacters(call.Arguments);
                        break;
                    case FunctionResultContent result:
                        characters += result.Result?.ToString()?.Length ?? 0;
                        break;
                    case DataContent or UriContent:
                        tokens += TokensPerAttachment;
                        break;
                }
            }

            tokens += (characters + CharactersPerToken - 1) / CharactersPerToken;
        }

        return (int)Math.Min(tokens, int.MaxValue);
    }

    private static long ArgumentCharacters(IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
        {
            return 0;
        }

        long characters = 0;
        foreach (var (name, value) in arguments)
        {
            characters += name.Length + (value?.ToString()?.Length ?? 0) + 4; // quotes, colon and comma of the JSON
        }

        return characters;
    }
}

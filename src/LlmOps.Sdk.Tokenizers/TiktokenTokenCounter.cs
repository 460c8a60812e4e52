using LlmOps.Sdk.Budgets;
using Microsoft.ML.Tokenizers;

namespace LlmOps.Sdk.Tokenizers;

/// <summary>Counts input tokens exactly with the tiktoken encoding of OpenAI models, and by characters for other models.</summary>
/// <remarks>
/// <para>
/// The model id picks the encoding, as OpenAI's tiktoken does: <c>o200k_base</c> for <c>gpt-4o</c>, <c>chatgpt-4o</c>,
/// <c>gpt-4.1</c>, <c>gpt-4.5</c>, <c>gpt-5</c> and the <c>o1</c>, <c>o3</c>, <c>o4</c> reasoning models;
/// <c>cl100k_base</c> for <c>gpt-4</c>, <c>gpt-3.5-turbo</c> (and Azure's <c>gpt-35-turbo</c>) and the
/// <c>text-embedding-3</c> and <c>ada-002</c> embedding models. Fine-tuned ids (<c>ft:gpt-4o-mini:…</c>) use their base
/// model's encoding. Any other model id, a <see langword="null"/> one, and an Azure deployment name that does not start
/// with the model's name are counted by <see cref="CharacterTokenCounter"/>'s heuristic (4 characters per token).
/// </para>
/// <para>
/// Each message adds 3 tokens plus its role's tokens (and 1 plus its author name's tokens when it has one), and the
/// request 3 for priming the reply, as OpenAI's cookbook counts chat messages for these models
/// (https://cookbook.openai.com/examples/how_to_count_tokens_with_tiktoken). Text and reasoning text are encoded;
/// function calls encode their name and their arguments' names and values; function results encode their value's text;
/// an image or other binary content counts 85 tokens, as <see cref="CharacterTokenCounter"/> does. Tool definitions in
/// the options are not counted.
/// </para>
/// <para>Thread-safe. Each encoding's vocabulary is loaded once, on the first call that needs it, and shared.</para>
/// </remarks>
public sealed class TiktokenTokenCounter : ITokenCounter
{
    private const int TokensPerMessage = 3;
    private const int TokensPerName = 1;
    private const int TokensPerReply = 3;
    private const int TokensPerAttachment = 85;

    private static readonly Lazy<Tokenizer> O200kBase = new(static () => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100kBase = new(static () => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    // Checked in order: "gpt-4o" and "gpt-4.1" must match before the "gpt-4" of cl100k_base.
    private static readonly string[] O200kPrefixes = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4"];
    private static readonly string[] Cl100kPrefixes = ["gpt-4", "gpt-3.5", "gpt-35", "text-embedding-3", "text-embedding-ada-002"];

    private readonly ITokenCounter _fallback;

    /// <summary>Initializes a new instance of the <see cref="TiktokenTokenCounter"/> class that counts unknown models by characters.</summary>
    public TiktokenTokenCounter()
        : this(CharacterTokenCounter.Instance)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TiktokenTokenCounter"/> class.</summary>
    /// <param name="fallback">Counts the calls whose model has no known tiktoken encoding.</param>
    public TiktokenTokenCounter(ITokenCounter fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        _fallback = fallback;
    }

    /// <inheritdoc/>
    public int CountInputTokens(IReadOnlyList<ChatMessage> messages, string? modelId)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var tokenizer = GetTokenizer(modelId);
        if (tokenizer is null)
        {
            return _fallback.CountInputTokens(messages, modelId);
        }

        long tokens = TokensPerReply;
        for (var m = 0; m < messages.Count; m++)
        {
            var message = messages[m];
            tokens += TokensPerMessage + Count(tokenizer, message.Role.Value);
            if (!string.IsNullOrEmpty(message.AuthorName))
            {
                tokens += TokensPerName + Count(tokenizer, message.AuthorName);
            }

            var contents = message.Contents;
            for (var c = 0; c < contents.Count; c++)
            {
                tokens += contents[c] switch
                {
                    TextContent text => Count(tokenizer, text.Text),
                    TextReasoningContent reasoning => Count(tokenizer, reasoning.Text),
                    FunctionCallContent call => Count(tokenizer, call.Name) + CountArguments(tokenizer, call.Arguments),
                    FunctionResultContent result => Count(tokenizer, result.Result?.ToString()),
                    DataContent or UriContent => TokensPerAttachment,
                    _ => 0,
                };
            }
        }

        return (int)Math.Min(tokens, int.MaxValue);
    }

    /// <summary>Gets the tiktoken encoding's name for <paramref name="modelId"/>, or <see langword="null"/> when it has none known.</summary>
    internal static string? GetEncodingName(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId))
        {
            return null;
        }

        var name = modelId.AsSpan();
        if (name.StartsWith("ft:", StringComparison.OrdinalIgnoreCase))
        {
            name = name[3..]; // a fine-tuned model keeps its base model's tokenizer
        }

        if (Matches(name, O200kPrefixes))
        {
            return "o200k_base";
        }

        return Matches(name, Cl100kPrefixes) ? "cl100k_base" : null;
    }

    private static Tokenizer? GetTokenizer(string? modelId) => GetEncodingName(modelId) switch
    {
        "o200k_base" => O200kBase.Value,
        "cl100k_base" => Cl100kBase.Value,
        _ => null,
    };

    private static bool Matches(ReadOnlySpan<char> name, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            // "o1" must not match "o1x": a prefix is the whole id or is followed by a separator or a digit.
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (name.Length == prefix.Length || !char.IsAsciiLetter(name[prefix.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static int Count(Tokenizer tokenizer, string? text) => string.IsNullOrEmpty(text) ? 0 : tokenizer.CountTokens(text);

    private static long CountArguments(Tokenizer tokenizer, IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
        {
            return 0;
        }

        long tokens = 0;
        foreach (var (name, value) in arguments)
        {
            tokens += Count(tokenizer, name) + Count(tokenizer, value?.ToString()) + 3; // quotes, colon and comma of the JSON
        }

        return tokens;
    }
}

using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Tokenizers;

namespace LlmOps.Sdk.Tests.Tokenizers;

public sealed class TiktokenTokenCounterTests
{
    // Per chat: 3 tokens priming the reply; per message: 3 tokens plus its role, one token for "system", "user" and
    // "assistant" in both encodings (OpenAI's cookbook, https://cookbook.openai.com/examples/how_to_count_tokens_with_tiktoken).
    private const int Reply = 3;
    private const int Message = 3 + 1;

    private readonly TiktokenTokenCounter _counter = new();

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4o-mini")]
    [InlineData("gpt-4")]
    [InlineData("gpt-3.5-turbo")]
    public void CountInputTokens_HelloWorld_CountsTwoTextTokensPlusOverhead(string modelId)
    {
        // "hello world" is 2 tokens in cl100k_base ([15339, 1917]) and in o200k_base ([24912, 2375]), per tiktoken's tests.
        var count = _counter.CountInputTokens([new ChatMessage(ChatRole.User, "hello world")], modelId);

        Assert.Equal(Reply + Message + 2, count);
    }

    [Fact]
    public void CountInputTokens_Gpt4_CountsTiktokenCookbookExample()
    {
        // The cookbook counts "tiktoken is great!" as 6 cl100k_base tokens: "t", "ik", "token", " is", " great", "!".
        var count = _counter.CountInputTokens([new ChatMessage(ChatRole.User, "tiktoken is great!")], "gpt-4");

        Assert.Equal(Reply + Message + 6, count);
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4")]
    public void CountInputTokens_ChatOfSeveralMessages_AddsPerMessageAndReplyOverhead(string modelId)
    {
        ChatMessage[] chat =
        [
            new(ChatRole.System, "hello world"),
            new(ChatRole.User, "hello world"),
            new(ChatRole.Assistant, "hello world"),
            new(ChatRole.User, ""),
        ];

        var count = _counter.CountInputTokens(chat, modelId);

        Assert.Equal(Reply + (4 * Message) + (3 * 2), count);
    }

    [Fact]
    public void CountInputTokens_Image_CountsAsCharacterCounterDoes()
    {
        var message = new ChatMessage(ChatRole.User, [new TextContent("hello world"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]);

        var count = _counter.CountInputTokens([message], "gpt-4o");

        Assert.Equal(Reply + Message + 2 + 85, count);
    }

    [Theory]
    [InlineData("llama3.1:8b")]
    [InlineData("my-azure-deployment")]
    [InlineData(null)]
    public void CountInputTokens_UnknownModel_FallsBackToCharacterHeuristic(string? modelId)
    {
        // 24 characters of text in which tiktoken finds fewer tokens than the heuristic's 6, so the two differ.
        ChatMessage[] chat = [new(ChatRole.User, "hello world hello world.")];

        var count = _counter.CountInputTokens(chat, modelId);

        Assert.Equal(CharacterTokenCounter.Instance.CountInputTokens(chat, modelId), count);
        Assert.NotEqual(_counter.CountInputTokens(chat, "gpt-4o"), count);
    }

    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4o-2024-08-06", "o200k_base")]
    [InlineData("chatgpt-4o-latest", "o200k_base")]
    [InlineData("gpt-4.1-mini", "o200k_base")]
    [InlineData("gpt-5", "o200k_base")]
    [InlineData("gpt-5.1-codex", "o200k_base")]
    [InlineData("o1", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("o4-mini", "o200k_base")]
    [InlineData("ft:gpt-4o-mini:acme::abc123", "o200k_base")]
    [InlineData("GPT-4O", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-4-0613", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("gpt-35-turbo", "cl100k_base")]
    [InlineData("text-embedding-3-small", "cl100k_base")]
    [InlineData("o1x", null)]
    [InlineData("claude-3-5-sonnet", null)]
    [InlineData("", null)]
    public void GetEncodingName_ModelId_PicksTiktokensEncoding(string modelId, string? expected)
    {
        Assert.Equal(expected, TiktokenTokenCounter.GetEncodingName(modelId));
    }

    [Fact]
    public void Ctor_NullFallback_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new TiktokenTokenCounter(null!));
    }
}

using System.Text.Json;
using LlmOps.Sdk.Caching;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Caching;

public sealed class ResponseCacheKeyTests
{
    private static readonly ChatClientMetadata Provider = new("openai", new Uri("https://api.openai.com/v1"), "gpt-4o-mini");

    /// <summary>Each change a user can make to a call that may change the answer, by the option it changes.</summary>
    private static readonly Dictionary<string, Action<ChatOptions>> Changes = new()
    {
        [nameof(ChatOptions.ModelId)] = o => o.ModelId = "gpt-4o",
        [nameof(ChatOptions.Instructions)] = o => o.Instructions = "Answer in French.",
        [nameof(ChatOptions.Temperature)] = o => o.Temperature = 0.7f,
        [nameof(ChatOptions.TopP)] = o => o.TopP = 0.9f,
        [nameof(ChatOptions.TopK)] = o => o.TopK = 40,
        [nameof(ChatOptions.FrequencyPenalty)] = o => o.FrequencyPenalty = 0.5f,
        [nameof(ChatOptions.PresencePenalty)] = o => o.PresencePenalty = 0.5f,
        [nameof(ChatOptions.Seed)] = o => o.Seed = 42,
        [nameof(ChatOptions.MaxOutputTokens)] = o => o.MaxOutputTokens = 100,
        [nameof(ChatOptions.AllowMultipleToolCalls)] = o => o.AllowMultipleToolCalls = false,
        [nameof(ChatOptions.StopSequences)] = o => o.StopSequences = ["###"],
        [nameof(ChatOptions.ResponseFormat)] = o => o.ResponseFormat = ChatResponseFormat.Json,
        [nameof(ChatOptions.ResponseFormat) + " schema"] = o => o.ResponseFormat = ChatResponseFormat.ForJsonSchema(
            JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement, "city"),
        [nameof(ChatOptions.ToolMode)] = o => o.ToolMode = ChatToolMode.RequireAny,
        [nameof(ChatOptions.Tools)] = o => o.Tools = [AIFunctionFactory.Create((string city) => "sunny", "weather")],
        [nameof(ChatOptions.Tools) + " description"] = o => o.Tools = [AIFunctionFactory.Create((string city) => "sunny", "weather", "Gets the weather")],
        [nameof(ChatOptions.Reasoning)] = o => o.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High },
        [nameof(ChatOptions.AdditionalProperties)] = o => (o.AdditionalProperties ??= [])["reasoning_effort"] = "high",
    };

    /// <summary>Properties that make a call uncacheable instead: the answer depends on something the key cannot see.</summary>
    private static readonly string[] Bypassing =
    [
        nameof(ChatOptions.ConversationId), nameof(ChatOptions.ContinuationToken),
        nameof(ChatOptions.AllowBackgroundResponses), nameof(ChatOptions.RawRepresentationFactory),
    ];

    public static TheoryData<string> ChangeNames => [.. Changes.Keys];

    [Theory]
    [MemberData(nameof(ChangeNames))]
    public void TryCompute_OptionThatChangesTheAnswer_ChangesTheKey(string change)
    {
        var before = Key(new ChatOptions { ModelId = "gpt-4o-mini", AdditionalProperties = new() { ["user"] = "u1" } });
        var changed = new ChatOptions { ModelId = "gpt-4o-mini", AdditionalProperties = new() { ["user"] = "u1" } };
        Changes[change](changed);

        var after = Key(changed);

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void TryCompute_EveryChatOptionsProperty_IsInTheKeyOrBypassesTheCache()
    {
        var known = Changes.Keys.Select(k => k.Split(' ')[0]).Concat(Bypassing).ToHashSet();

        var missing = typeof(ChatOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Where(n => !known.Contains(n)).ToList();

        Assert.True(missing.Count == 0,
            $"ChatOptions has properties the cache key does not cover: {string.Join(", ", missing)}. Write them in ResponseCacheKey and add a change here.");
    }

    [Theory]
    [InlineData(nameof(ChatOptions.ConversationId))]
    [InlineData(nameof(ChatOptions.AllowBackgroundResponses))]
    [InlineData(nameof(ChatOptions.RawRepresentationFactory))]
    public void TryCompute_AnswerDependsOnStateOutsideTheCall_IsNotCached(string property)
    {
        var options = new ChatOptions();
        switch (property)
        {
            case nameof(ChatOptions.ConversationId): options.ConversationId = "conv-1"; break;
            case nameof(ChatOptions.AllowBackgroundResponses): options.AllowBackgroundResponses = true; break;
            default: options.RawRepresentationFactory = static _ => null; break;
        }

        Assert.Null(ResponseCacheKey.TryCompute("p:", Provider, Messages("Hi"), options));
    }

    [Fact]
    public void TryCompute_SameCallBuiltAgain_SameKey()
    {
        static ChatOptions Build() => new()
        {
            ModelId = "gpt-4o-mini",
            Temperature = 0.2f,
            StopSequences = ["###"],
            Tools = [AIFunctionFactory.Create((string city) => "sunny", "weather")],
            AdditionalProperties = new() { ["b"] = 2, ["a"] = "x" },
        };

        Assert.Equal(Key(Build()), Key(Build()));
    }

    [Fact]
    public void TryCompute_PropertiesInAnotherOrder_SameKey()
    {
        var first = new ChatOptions { AdditionalProperties = new() { ["a"] = 1, ["b"] = 2 } };
        var second = new ChatOptions { AdditionalProperties = new() { ["b"] = 2, ["a"] = 1 } };

        Assert.Equal(Key(first), Key(second));
    }

    [Fact]
    public void TryCompute_OwnStageProperties_DoNotChangeTheKey()
    {
        var plain = new ChatOptions();
        var steered = new ChatOptions().WithCache(TimeSpan.FromMinutes(5)).WithReferenceAnswer("Paris");

        Assert.Equal(Key(plain), Key(steered));
    }

    [Fact]
    public void TryCompute_DifferentMessages_DifferentKey()
    {
        Assert.NotEqual(
            ResponseCacheKey.TryCompute("p:", Provider, Messages("Capital of France?"), null),
            ResponseCacheKey.TryCompute("p:", Provider, Messages("Capital of Spain?"), null));
    }

    [Fact]
    public void TryCompute_SameTextFromAnotherRole_DifferentKey()
    {
        Assert.NotEqual(
            ResponseCacheKey.TryCompute("p:", Provider, [new ChatMessage(ChatRole.User, "Be brief.")], null),
            ResponseCacheKey.TryCompute("p:", Provider, [new ChatMessage(ChatRole.System, "Be brief.")], null));
    }

    [Fact]
    public void TryCompute_AnotherProvider_DifferentKey()
    {
        var other = new ChatClientMetadata("ollama", new Uri("http://127.0.0.1:11434"), "gpt-4o-mini");

        Assert.NotEqual(
            ResponseCacheKey.TryCompute("p:", Provider, Messages("Hi"), null),
            ResponseCacheKey.TryCompute("p:", other, Messages("Hi"), null));
    }

    [Fact]
    public void TryCompute_AnotherPromptVersionContent_DifferentKey()
    {
        var v1 = new PromptVersion("support", 1, "Answer: {{q}}");
        var v2 = new PromptVersion("support", 2, "Answer briefly: {{q}}");
        var first = RenderedPromptChatOptions.From(new ChatOptions(), v1);
        var second = RenderedPromptChatOptions.From(new ChatOptions(), v2);

        Assert.NotEqual(
            ResponseCacheKey.TryCompute("p:", Provider, Messages("Hi"), first),
            ResponseCacheKey.TryCompute("p:", Provider, Messages("Hi"), second));
    }

    [Fact]
    public void TryCompute_Key_HoldsNoTextOfTheMessages()
    {
        var key = ResponseCacheKey.TryCompute("llmops:chat:", Provider, Messages("My e-mail is ada@example.com"), null)!;

        Assert.StartsWith("llmops:chat:v1:", key, StringComparison.Ordinal);
        Assert.Equal("llmops:chat:v1:".Length + 64, key.Length); // a SHA-256 in hex, nothing else
        Assert.DoesNotContain("ada", key, StringComparison.OrdinalIgnoreCase);
    }

    private static ChatMessage[] Messages(string text) => [new ChatMessage(ChatRole.User, text)];

    private static string Key(ChatOptions options) =>
        ResponseCacheKey.TryCompute("p:", Provider, Messages("What is the capital of France?"), options)
        ?? throw new InvalidOperationException("The call was not cacheable.");
}

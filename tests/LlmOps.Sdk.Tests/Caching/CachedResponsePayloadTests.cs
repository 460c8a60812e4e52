using System.Text.Json;
using LlmOps.Sdk.Caching;

namespace LlmOps.Sdk.Tests.Caching;

/// <summary>A cached answer is stored as bytes of source-generated JSON, so it survives trimming and native AOT whole.</summary>
public sealed class CachedResponsePayloadTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void TryRead_ResponseWithToolCallsUsageAndProperties_EqualsTheOriginal()
    {
        var original = RichResponse();

        var payload = CachedResponsePayload.TryWrite(original, Now.AddMinutes(5));
        var read = CachedResponsePayload.TryRead(payload, Now, out var hit);

        Assert.True(read);
        Assert.Equal(Json(original), Json(hit!));
    }

    [Fact]
    public async Task GetResponseAsync_HitOfAResponseWithToolCallsUsageAndProperties_EqualsTheOriginal()
    {
        using var host = new CacheHost(new ResponseCacheOptions { CacheToolCalls = true });
        host.Provider.EnqueueReply(RichResponse());
        var original = await host.AskAsync(false, new ChatOptions().WithCache());

        var hit = await host.AskAsync(false, new ChatOptions().WithCache());

        Assert.Equal(1, host.Provider.CallCount);
        Assert.True(hit.IsFromCache());
        hit.AdditionalProperties!.Remove("llmops.cache.hit"); // the one mark a hit carries and the original does not
        Assert.Equal(Json(original), Json(hit));
    }

    private static ChatResponse RichResponse() =>
        new(new ChatMessage(ChatRole.Assistant,
        [
            new TextContent("Let me check the weather."),
            new FunctionCallContent("call-1", "weather", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 3 }),
        ])
        {
            MessageId = "m-1",
        })
        {
            ResponseId = "r-1",
            ModelId = "gpt-test",
            CreatedAt = Now,
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails
            {
                InputTokenCount = 12, OutputTokenCount = 7, TotalTokenCount = 19, AdditionalCounts = new() { ["cached_tokens"] = 4 },
            },
            AdditionalProperties = new() { ["system_fingerprint"] = "fp-1", ["score"] = 0.5 },
        };

    private static string Json(ChatResponse response) =>
        JsonSerializer.Serialize(response, AIJsonUtilities.DefaultOptions.GetTypeInfo<ChatResponse>());
}

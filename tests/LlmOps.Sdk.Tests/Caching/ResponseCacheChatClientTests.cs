using System.Diagnostics.Metrics;
using LlmOps.Sdk.Caching;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace LlmOps.Sdk.Tests.Caching;

public sealed class ResponseCacheChatClientTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_RepeatedWithCache_AnsweredFromTheCacheWithoutAProviderCall(bool streaming)
    {
        using var host = new CacheHost();

        var first = await host.AskAsync(streaming, new ChatOptions().WithCache());
        var second = await host.AskAsync(streaming, new ChatOptions().WithCache());

        Assert.Equal(1, host.Provider.CallCount);
        Assert.Equal(first.Text, second.Text);
        Assert.False(first.IsFromCache(), "the first call reached the provider");
        Assert.True(second.IsFromCache(), $"the repeated call was not marked as a hit: {string.Join(", ", second.AdditionalProperties?.Keys ?? [])}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_NotOptedIn_AlwaysReachesTheProvider(bool streaming)
    {
        using var host = new CacheHost();

        await host.AskAsync(streaming, new ChatOptions());
        var second = await host.AskAsync(streaming, null);

        Assert.Equal(2, host.Provider.CallCount);
        Assert.False(second.IsFromCache());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_WithoutCache_ReachesTheProviderEvenWhenEveryCallIsCached(bool streaming)
    {
        using var host = new CacheHost(new ResponseCacheOptions { CacheAllCalls = true });
        await host.AskAsync(streaming, null);

        var second = await host.AskAsync(streaming, new ChatOptions().WithoutCache());
        var third = await host.AskAsync(streaming, new ChatOptions());

        Assert.Equal(2, host.Provider.CallCount);
        Assert.False(second.IsFromCache());
        Assert.True(third.IsFromCache(), "CacheAllCalls caches a call that says nothing");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_DifferentQuestion_Misses(bool streaming)
    {
        using var host = new CacheHost();
        await host.AskAsync(streaming, new ChatOptions().WithCache(), CacheHost.Question("What is the capital of France?"));

        var other = await host.AskAsync(streaming, new ChatOptions().WithCache(), CacheHost.Question("What is the capital of Spain?"));

        Assert.Equal(2, host.Provider.CallCount);
        Assert.False(other.IsFromCache());
    }

    public static TheoryData<string, bool> Uncacheable => new()
    {
        { "length", false }, { "length", true },
        { "content_filter", false }, { "content_filter", true },
        { "tool_calls", false }, { "tool_calls", true },
    };

    [Theory]
    [MemberData(nameof(Uncacheable))]
    public async Task Call_AnswerNotAStop_IsReturnedButNeverStored(string finishReason, bool streaming)
    {
        using var host = new CacheHost();
        var cut = new ChatResponse(new ChatMessage(ChatRole.Assistant, "Paris is the cap")) { FinishReason = new ChatFinishReason(finishReason) };
        host.Provider.EnqueueReply(cut);

        var first = await host.AskAsync(streaming, new ChatOptions().WithCache());
        var second = await host.AskAsync(streaming, new ChatOptions().WithCache());

        Assert.Equal("Paris is the cap", first.Text);
        Assert.Equal(new ChatFinishReason(finishReason), first.FinishReason);
        Assert.Equal(2, host.Provider.CallCount);
        Assert.False(second.IsFromCache(), $"a response that finished with '{finishReason}' was stored");
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallWhenAllowed_IsStored()
    {
        using var host = new CacheHost(new ResponseCacheOptions { CacheToolCalls = true });
        host.Provider.EnqueueReply(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "weather", new Dictionary<string, object?> { ["city"] = "Paris" })]))
        {
            FinishReason = ChatFinishReason.ToolCalls,
        });

        await host.AskAsync(false, new ChatOptions().WithCache());
        var second = await host.AskAsync(false, new ChatOptions().WithCache());

        Assert.Equal(1, host.Provider.CallCount);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(second.Messages).Contents.Single());
        Assert.Equal("weather", call.Name);
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallByDefault_IsNotStored()
    {
        using var host = new CacheHost();
        var toolCall = () => new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "weather")])) { FinishReason = ChatFinishReason.ToolCalls };
        host.Provider.EnqueueReply(toolCall()).EnqueueReply(toolCall());

        await host.AskAsync(false, new ChatOptions().WithCache());
        await host.AskAsync(false, new ChatOptions().WithCache());

        Assert.Equal(2, host.Provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_ProviderFails_ErrorIsNotStored(bool streaming)
    {
        using var host = new CacheHost();
        host.Provider.EnqueueFault(ScriptedFault.ServiceUnavailable());

        await Assert.ThrowsAnyAsync<Exception>(() => host.AskAsync(streaming, new ChatOptions().WithCache()));
        var second = await host.AskAsync(streaming, new ChatOptions().WithCache());

        Assert.Equal(2, host.Provider.CallCount);
        Assert.False(second.IsFromCache());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamFailsMidway_IsNotStored()
    {
        using var host = new CacheHost();
        host.Provider.StreamingChunkCount = 4;
        host.Provider.EnqueueFault(ScriptedFault.Http(500) with { AfterChunks = 2 });

        await Assert.ThrowsAnyAsync<Exception>(() => host.AskAsync(true, new ChatOptions().WithCache()));
        var second = await host.AskAsync(true, new ChatOptions().WithCache());

        Assert.Equal(2, host.Provider.CallCount);
        Assert.False(second.IsFromCache());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerStopsReading_IsNotStored()
    {
        using var host = new CacheHost();
        host.Provider.StreamingChunkCount = 4;

        await foreach (var update in host.Client.GetStreamingResponseAsync(CacheHost.Question(), new ChatOptions().WithCache()))
        {
            break; // the caller has what it needs: the rest of the answer was never received
        }

        var second = await host.AskAsync(true, new ChatOptions().WithCache());

        Assert.Equal(2, host.Provider.CallCount);
        Assert.False(second.IsFromCache(), "a stream the caller cut short was stored");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Cancelled_IsNotStored()
    {
        using var host = new CacheHost();
        host.Provider.StreamingChunkCount = 4;
        using var cancel = new CancellationTokenSource();

        try
        {
            await foreach (var update in host.Client.GetStreamingResponseAsync(CacheHost.Question(), new ChatOptions().WithCache(), cancel.Token))
            {
                await cancel.CancelAsync(); // a provider may stop at once or finish its chunk: either way the call was cancelled
            }
        }
        catch (OperationCanceledException)
        {
        }

        var second = await host.AskAsync(true, new ChatOptions().WithCache());

        Assert.Equal(2, host.Provider.CallCount);
        Assert.False(second.IsFromCache());
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Hit_ReplaysWhatTheOriginalStreamAssembledTo()
    {
        using var host = new CacheHost();
        host.Provider.StreamingChunkCount = 5;
        List<ChatResponseUpdate> original = [];
        await foreach (var update in host.Client.GetStreamingResponseAsync(CacheHost.Question(), new ChatOptions().WithCache()))
        {
            original.Add(update);
        }

        List<ChatResponseUpdate> replayed = [];
        await foreach (var update in host.Client.GetStreamingResponseAsync(CacheHost.Question(), new ChatOptions().WithCache()))
        {
            replayed.Add(update);
        }

        var expected = original.ToChatResponse();
        var actual = replayed.ToChatResponse();
        Assert.Equal(1, host.Provider.CallCount);
        Assert.Equal(5, original.Count);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(string.Concat(original.Select(u => u.Text)), string.Concat(replayed.Select(u => u.Text)));
        Assert.Equal(expected.FinishReason, actual.FinishReason);
        Assert.Equal(expected.ModelId, actual.ModelId);
        Assert.Equal(expected.ResponseId, actual.ResponseId);
        Assert.Equal(expected.Messages.Select(m => (m.Role, m.MessageId)), actual.Messages.Select(m => (m.Role, m.MessageId)));
        Assert.Equal((expected.Usage?.InputTokenCount, expected.Usage?.OutputTokenCount), (actual.Usage?.InputTokenCount, actual.Usage?.OutputTokenCount));
        Assert.True(replayed[0].AdditionalProperties?.ContainsKey("llmops.cache.hit"), "the replay's first update says it came from the cache");
    }

    [Fact]
    public async Task GetResponseAsync_StreamedAnswer_ServesALaterNonStreamingCall()
    {
        using var host = new CacheHost();
        var streamed = await host.AskAsync(true, new ChatOptions().WithCache());

        var later = await host.AskAsync(false, new ChatOptions().WithCache());

        Assert.Equal(1, host.Provider.CallCount);
        Assert.Equal(streamed.Text, later.Text);
        Assert.Equal(ChatFinishReason.Stop, later.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_HundredConcurrentIdenticalMisses_MakeOneProviderCall()
    {
        var gated = new GatedChatClient(() => new ChatResponse(new ChatMessage(ChatRole.Assistant, "Paris.")) { FinishReason = ChatFinishReason.Stop });
        using var host = new CacheHost(provider: gated);

        var calls = Enumerable.Range(0, 100).Select(_ => host.Client.GetResponseAsync(CacheHost.Question(), new ChatOptions().WithCache())).ToList();
        gated.Open();
        var responses = await Task.WhenAll(calls);

        Assert.Equal(1, gated.CallCount);
        Assert.All(responses, r => Assert.Equal("Paris.", r.Text));
        Assert.Equal(100, responses.Distinct().Count()); // each caller owns its response and may change it
    }

    [Fact]
    public async Task GetResponseAsync_ConcurrentMissesOfAnUnstorableAnswer_ShareItButDoNotStoreIt()
    {
        var gated = new GatedChatClient(() => new ChatResponse(new ChatMessage(ChatRole.Assistant, "Paris is the cap")) { FinishReason = ChatFinishReason.Length });
        using var host = new CacheHost(provider: gated);

        var calls = Enumerable.Range(0, 100).Select(_ => host.Client.GetResponseAsync(CacheHost.Question(), new ChatOptions().WithCache())).ToList();
        gated.Open();
        var responses = await Task.WhenAll(calls);
        await host.Client.GetResponseAsync(CacheHost.Question(), new ChatOptions().WithCache());

        Assert.All(responses, r => Assert.Equal(ChatFinishReason.Length, r.FinishReason));
        Assert.Equal(2, gated.CallCount); // one for the hundred, one for the later call: the cut answer was not stored
    }

    [Fact]
    public async Task GetResponseAsync_ConcurrentMissesThatFail_AllSeeTheErrorAndNothingIsStored()
    {
        var fail = true;
        var gated = new GatedChatClient(() => fail
            ? throw new InvalidOperationException("provider down")
            : new ChatResponse(new ChatMessage(ChatRole.Assistant, "Paris.")) { FinishReason = ChatFinishReason.Stop });
        using var host = new CacheHost(provider: gated);

        var calls = Enumerable.Range(0, 10).Select(_ => host.Client.GetResponseAsync(CacheHost.Question(), new ChatOptions().WithCache())).ToList();
        gated.Open();
        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        }

        fail = false;
        var after = await host.Client.GetResponseAsync(CacheHost.Question(), new ChatOptions().WithCache());

        Assert.Equal("Paris.", after.Text);
        Assert.Equal(2, gated.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_AfterItsDuration_ReachesTheProviderAgain(bool streaming)
    {
        using var host = new CacheHost(new ResponseCacheOptions { DefaultDuration = TimeSpan.FromMinutes(10) });
        await host.AskAsync(streaming, new ChatOptions().WithCache());

        host.Time.Advance(TimeSpan.FromMinutes(9));
        var within = await host.AskAsync(streaming, new ChatOptions().WithCache());
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await host.AskAsync(streaming, new ChatOptions().WithCache());
        var refreshed = await host.AskAsync(streaming, new ChatOptions().WithCache());

        Assert.True(within.IsFromCache(), "9 minutes into 10 the answer is still served");
        Assert.False(after.IsFromCache(), "at 10 minutes the answer is no longer served");
        Assert.True(refreshed.IsFromCache(), "the fresh answer is stored again");
        Assert.Equal(2, host.Provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_CallsOwnDuration_WinsOverTheDefault()
    {
        using var host = new CacheHost(new ResponseCacheOptions { DefaultDuration = TimeSpan.FromHours(1) });
        await host.AskAsync(false, new ChatOptions().WithCache(TimeSpan.FromSeconds(30)));

        host.Time.Advance(TimeSpan.FromSeconds(31));
        var after = await host.AskAsync(false, new ChatOptions().WithCache(TimeSpan.FromSeconds(30)));

        Assert.False(after.IsFromCache());
        Assert.Equal(2, host.Provider.CallCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_Hit_IsMarkedOnTheSpanAndCountedWithTheCostSaved(bool streaming)
    {
        var prices = new ModelPriceTable(new TelemetryOptions { Prices = { ["scripted-model"] = new ModelPrice { InputPerMillionTokens = 1_000_000, OutputPerMillionTokens = 2_000_000 } } });
        using var host = new CacheHost(prices: prices);
        using var requests = new MetricCollector<long>(host.MeterFactory, LlmOpsTelemetry.SourceName, "llmops.cache.requests");
        using var saved = new MetricCollector<double>(host.MeterFactory, LlmOpsTelemetry.SourceName, "llmops.cache.saved_cost");
        using var spans = new SpanRecorder();
        var first = await host.AskAsync(streaming, new ChatOptions().WithCache());

        using (var span = spans.StartCall())
        {
            await host.AskAsync(streaming, new ChatOptions().WithCache());
            span.Stop();
            var expected = (first.Usage!.InputTokenCount!.Value * 1.0) + (first.Usage.OutputTokenCount!.Value * 2.0);
            Assert.Equal(true, span.GetTagItem("llmops.cache.hit"));
            Assert.Equal(expected, (double)span.GetTagItem("llmops.cache.saved_cost")!, 6);
            Assert.Equal(expected, saved.GetMeasurementSnapshot().Sum(m => m.Value), 6);
        }

        Assert.Equal(
            ["miss", "hit"],
            requests.GetMeasurementSnapshot().Select(m => (string)m.Tags["llmops.cache.result"]!));
    }

    [Fact]
    public async Task Call_AnswerJustOverThePayloadLimit_NotStoredButCountedAndLogged()
    {
        const int limit = 4_096;
        using var services = PayloadLimitServices(limit);
        using var client = PayloadLimitClient(services, out var provider);
        var answer = AnswerOfPayloadSize(limit + 1);
        provider.EnqueueReply(answer).EnqueueReply(AnswerOfPayloadSize(limit + 1));
        using var skipped = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), LlmOpsTelemetry.SourceName, "llmops.cache.skipped");

        var first = await client.GetResponseAsync(CacheHost.Question(), new ChatOptions().WithCache());
        var second = await client.GetResponseAsync(CacheHost.Question(), new ChatOptions().WithCache());

        Assert.Equal(answer.Text, first.Text);
        Assert.False(second.IsFromCache(), "an answer over the limit was served from the cache");
        Assert.Equal(2, provider.CallCount);
        Assert.Equal(
            ["too_large", "too_large"],
            skipped.GetMeasurementSnapshot().Select(m => (string)m.Tags["llmops.cache.skip_reason"]!));
        var logged = services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id == 700).ToList();
        var line = Assert.Single(logged); // once per run of skips, not once per call
        Assert.Contains($"{limit + 1} bytes", line.Message, StringComparison.Ordinal);
        Assert.Contains($"limit of {limit} bytes", line.Message, StringComparison.Ordinal);
        Assert.Contains("HybridCacheOptions.MaximumPayloadBytes", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_AnswerAtThePayloadLimit_Stored()
    {
        const int limit = 4_096;
        using var services = PayloadLimitServices(limit);
        using var client = PayloadLimitClient(services, out var provider);
        provider.EnqueueReply(AnswerOfPayloadSize(limit));
        using var skipped = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), LlmOpsTelemetry.SourceName, "llmops.cache.skipped");

        await client.GetResponseAsync(CacheHost.Question(), new ChatOptions().WithCache());
        var second = await client.GetResponseAsync(CacheHost.Question(), new ChatOptions().WithCache());

        Assert.True(second.IsFromCache(), "an answer at the limit, which HybridCache accepts, was not stored");
        Assert.Equal(1, provider.CallCount);
        Assert.Empty(skipped.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Stream_AnswerOverThePayloadLimit_NotStoredButCounted()
    {
        const int limit = 4_096;
        using var services = PayloadLimitServices(limit);
        using var client = PayloadLimitClient(services, out var provider);
        provider.Responder = static (_, _) => new string('x', 3 * limit);
        using var skipped = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), LlmOpsTelemetry.SourceName, "llmops.cache.skipped");

        var first = await CacheHost.AskAsync(client, streaming: true, new ChatOptions().WithCache());
        var second = await CacheHost.AskAsync(client, streaming: true, new ChatOptions().WithCache());

        Assert.Equal(3 * limit, first.Text.Length);
        Assert.False(second.IsFromCache(), "a streamed answer over the limit was served from the cache");
        Assert.Equal(2, provider.CallCount);
        Assert.Equal(2, skipped.GetMeasurementSnapshot().Count);
    }

    private static ServiceProvider PayloadLimitServices(int limit)
    {
        var services = new ServiceCollection().AddMetrics().AddFakeLogging();
        services.AddSingleton<LlmOpsInstrumentation>();
        services.AddHybridCache(options => options.MaximumPayloadBytes = limit);
        return services.BuildServiceProvider();
    }

    private static IChatClient PayloadLimitClient(IServiceProvider services, out ScriptedChatClient provider)
    {
        provider = new ScriptedChatClient();
        return new ChatClientBuilder(provider).UseLlmOpsCache().Build(services);
    }

    /// <summary>Returns an answer whose stored bytes are exactly <paramref name="payloadBytes"/> long.</summary>
    private static ChatResponse AnswerOfPayloadSize(int payloadBytes)
    {
        var bare = CachedResponsePayload.TryWrite(Answer(""), DateTimeOffset.UnixEpoch)!.Length;
        var answer = Answer(new string('x', payloadBytes - bare)); // one ASCII letter is one byte of JSON
        Assert.Equal(payloadBytes, CachedResponsePayload.TryWrite(answer, DateTimeOffset.UnixEpoch)!.Length);
        return answer;

        static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text))
        {
            ResponseId = "answer",
            ModelId = "scripted-model",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1, TotalTokenCount = 2 },
        };
    }
}

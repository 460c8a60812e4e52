using LlmOps.Sdk.Caching;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests.Caching;

/// <summary>The response cache as <c>AddLlmOps</c> wires it: below telemetry and prompts, opted in by a prompt's settings.</summary>
public sealed class ResponseCachePipelineTests
{
    private static readonly PromptVersion Cached = new("faq", 1, "Answer: {{question}}")
    {
        Cache = new PromptCacheSettings { Duration = TimeSpan.FromMinutes(5) },
    };

    private static readonly PromptVersion CachedV2 = new("faq", 2, "Answer in one sentence: {{question}}")
    {
        Cache = new PromptCacheSettings(),
    };

    private static readonly PromptVersion NotCached = new("chat", 1, "Answer: {{question}}");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_PromptOptsIn_RepeatIsAHitMarkedOnTheCallSpan(bool streaming)
    {
        var provider = new ScriptedChatClient();
        await using var services = Services(provider, o => o.AddResponseCache());
        var client = services.GetRequiredService<IChatClient>();
        using var spans = new SpanRecorder();
        await CacheHost.AskAsync(client, streaming, Faq(), []);

        ChatResponse repeat;
        using (var test = spans.StartCall())
        {
            repeat = await CacheHost.AskAsync(client, streaming, Faq(), []);
            test.Stop();
            var call = spans.CallSpan(test);
            Assert.NotSame(test, call); // the telemetry stage traced the hit as a call of its own
            Assert.Equal(true, call.GetTagItem("llmops.cache.hit"));
            Assert.Equal("faq", call.GetTagItem("gen_ai.prompt.name"));
        }

        Assert.Equal(1, provider.CallCount);
        Assert.True(repeat.IsFromCache());
        Assert.Equal(1, repeat.GetRenderedPrompt()?.Version); // the prompt stage still stamps the answer
    }

    [Fact]
    public async Task GetResponseAsync_Hit_RecordsNoSpendButWhatItSaved()
    {
        var provider = new ScriptedChatClient();
        var collection = new ServiceCollection().AddMetrics();
        collection.AddChatClient(provider);
        collection.AddLlmOps(o => o
            .AddResponseCache()
            .ConfigureTelemetry(t => t.Prices[ScriptedChatClient.DefaultModelId] = new LlmOps.Sdk.Telemetry.ModelPrice { InputPerMillionTokens = 100_000, OutputPerMillionTokens = 100_000 }));
        await using var services = collection.BuildServiceProvider();
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var spent = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<double>(meters, LlmOpsTelemetry.SourceName, "llmops.client.cost");
        using var saved = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<double>(meters, LlmOpsTelemetry.SourceName, "llmops.cache.saved_cost");
        var client = services.GetRequiredService<IChatClient>();

        var first = await client.GetResponseAsync("What is the capital of France?", new ChatOptions().WithCache());
        await client.GetResponseAsync("What is the capital of France?", new ChatOptions().WithCache());

        var cost = (first.Usage!.InputTokenCount!.Value + first.Usage.OutputTokenCount!.Value) / 10.0;
        Assert.Equal([cost], spent.GetMeasurementSnapshot().Select(m => m.Value)); // the miss only
        Assert.Equal([cost], saved.GetMeasurementSnapshot().Select(m => m.Value)); // the hit
    }

    [Fact]
    public async Task GetResponseAsync_NewPromptVersion_Misses()
    {
        var provider = new ScriptedChatClient();
        await using var services = Services(provider, o => o.AddResponseCache());
        var client = services.GetRequiredService<IChatClient>();
        await client.GetResponseAsync([], Faq(version: 1));

        var second = await client.GetResponseAsync([], Faq(version: 2));
        var third = await client.GetResponseAsync([], Faq(version: 2));

        Assert.False(second.IsFromCache(), "a new prompt version must not be served the old version's answer");
        Assert.True(third.IsFromCache());
        Assert.Equal(2, provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_PromptWithoutCacheSetting_IsNotCached()
    {
        var provider = new ScriptedChatClient();
        await using var services = Services(provider, o => o.AddResponseCache());
        var client = services.GetRequiredService<IChatClient>();
        var options = () => new ChatOptions().WithPrompt("chat", new { question = "Capital of France?" });

        await client.GetResponseAsync([], options());
        await client.GetResponseAsync([], options());

        Assert.Equal(2, provider.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_CallSaysWithoutCache_WinsOverThePrompt()
    {
        var provider = new ScriptedChatClient();
        await using var services = Services(provider, o => o.AddResponseCache());
        var client = services.GetRequiredService<IChatClient>();

        await client.GetResponseAsync([], Faq());
        var second = await client.GetResponseAsync([], Faq().WithoutCache());

        Assert.False(second.IsFromCache());
        Assert.Equal(2, provider.CallCount);
    }

    [Fact]
    public async Task AddLlmOps_CacheNotEnabled_AddsNoStage()
    {
        await using var services = Services(new ScriptedChatClient(), _ => { });

        var stage = services.GetRequiredService<IChatClient>().GetService<ResponseCacheChatClient>();

        Assert.Null(stage);
    }

    [Fact]
    public async Task AddLlmOps_EnabledInConfiguration_CachesOptedInCalls()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmOps:Cache:Enabled"] = "true",
            ["LlmOps:Cache:DefaultDuration"] = "00:10:00",
        }).Build();
        var provider = new ScriptedChatClient();
        var collection = new ServiceCollection();
        collection.AddChatClient(provider);
        collection.AddHybridCache(); // what AddResponseCache() registers, when configuration alone turns the cache on
        collection.AddLlmOps(configuration.GetSection("LlmOps"));
        await using var services = collection.BuildServiceProvider();
        var client = services.GetRequiredService<IChatClient>();

        await client.GetResponseAsync("What is the capital of France?", new ChatOptions().WithCache());
        var second = await client.GetResponseAsync("What is the capital of France?", new ChatOptions().WithCache());

        Assert.True(second.IsFromCache());
        Assert.Equal(1, provider.CallCount);
    }

    [Fact]
    public void UseLlmOpsCache_InvalidDuration_ThrowsNamingTheOption()
    {
        var builder = new ChatClientBuilder(new ScriptedChatClient());

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => builder.UseLlmOpsCache(new ResponseCacheOptions { DefaultDuration = TimeSpan.Zero }));

        Assert.Contains("DefaultDuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseLlmOpsCache_NoHybridCache_ThrowsWithTheFix()
    {
        var builder = new ChatClientBuilder(new ScriptedChatClient()).UseLlmOpsCache();

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build(new ServiceCollection().BuildServiceProvider()));

        Assert.Contains("AddResponseCache()", error.Message, StringComparison.Ordinal);
    }

    private static ChatOptions Faq(int? version = null) =>
        new ChatOptions().WithPrompt("faq", new { question = "What is the capital of France?" }, version: version);

    private static ServiceProvider Services(ScriptedChatClient provider, Action<LlmOpsBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddChatClient(provider);
        services.AddLlmOps(o =>
        {
            o.AddPrompts(store => store.Add(Cached, "production").Add(CachedV2).Add(NotCached, "production"));
            configure(o);
        });
        return services.BuildServiceProvider();
    }
}

using LlmOps.Sdk.Caching;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Caching;

/// <summary>A response cache stage over a scripted provider, an in-memory <see cref="HybridCache"/> and a fake clock.</summary>
internal sealed class CacheHost : IDisposable
{
    private readonly ServiceProvider _services;

    public CacheHost(ResponseCacheOptions? options = null, IChatClient? provider = null, ModelPriceTable? prices = null)
    {
        _services = new ServiceCollection().AddMetrics().AddHybridCache().Services.BuildServiceProvider();
        Cache = _services.GetRequiredService<HybridCache>();
        Provider = new ScriptedChatClient(Time);
        MeterFactory = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        Instrumentation = new LlmOpsInstrumentation(MeterFactory);
        Client = new ResponseCacheChatClient(
            provider ?? Provider, Cache, options, Time, prices, new ResponseCacheMetrics(Instrumentation.Meter), maximumPayloadBytes: null, logger: null);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public ScriptedChatClient Provider { get; }

    public HybridCache Cache { get; }

    public System.Diagnostics.Metrics.IMeterFactory MeterFactory { get; }

    public LlmOpsInstrumentation Instrumentation { get; }

    public ResponseCacheChatClient Client { get; }

    public static ChatMessage[] Question(string text = "What is the capital of France?") => [new(ChatRole.User, text)];

    public static async Task<ChatResponse> AskAsync(IChatClient client, bool streaming, ChatOptions? options, IEnumerable<ChatMessage>? messages = null)
    {
        messages ??= Question();
        return streaming
            ? await client.GetStreamingResponseAsync(messages, options).ToChatResponseAsync()
            : await client.GetResponseAsync(messages, options);
    }

    public Task<ChatResponse> AskAsync(bool streaming, ChatOptions? options, IEnumerable<ChatMessage>? messages = null) =>
        AskAsync(Client, streaming, options, messages);

    public void Dispose()
    {
        Client.Dispose();
        Instrumentation.Dispose();
        _services.Dispose();
    }
}

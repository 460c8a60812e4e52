using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Benchmarks.Caching;

/// <summary>
/// A repeated call answered by the response cache through the whole <c>UseLlmOps()</c> pipeline, against the same
/// call's provider path, and side by side with Microsoft.Extensions.AI's <see cref="DistributedCachingChatClient"/>.
/// </summary>
/// <remarks>
/// The provider is <see cref="FixedProviderChatClient"/>, which costs nothing: the provider-path row is the pipeline's
/// own cost, the floor a hit competes with in this benchmark (a real provider call takes hundreds of milliseconds). No
/// listener is attached. Every hit row returns a response of its own, deserialized from the stored bytes, as a cache
/// must so that callers may change it.
/// </remarks>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] disposes the services
public class ResponseCacheBenchmarks
#pragma warning restore CA1001
{
    private static readonly ChatMessage[] Messages =
    [
        new(ChatRole.System, "You are a concise support agent for Contoso. Answer in one or two sentences."),
        new(ChatRole.User, "Where can I see the status of order 42, and when will it arrive?"),
    ];

    private ServiceProvider _services = null!;
    private IChatClient _pipeline = null!;
    private IChatClient _pipelineWithCache = null!;
    private IChatClient _meaiCaching = null!;
    private ChatOptions _cached = null!;
    private ChatOptions _plain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        var provider = new FixedProviderChatClient();
        _pipeline = new ChatClientBuilder(provider).UseLlmOps(new LlmOpsOptions()).Build(_services);
        _pipelineWithCache = new ChatClientBuilder(provider)
            .UseLlmOps(new LlmOpsOptions { Cache = { Enabled = true } })
            .Build(_services);
        _meaiCaching = new ChatClientBuilder(provider)
            .UseDistributedCache(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())))
            .Build(_services);
        _plain = new ChatOptions { ModelId = "gpt-4o-mini", Temperature = 0.2f };
        _cached = new ChatOptions { ModelId = "gpt-4o-mini", Temperature = 0.2f }.WithCache();

        // Warm both caches, and check that the rows do what they say.
        LlmOpsCacheHit().GetAwaiter().GetResult();
        if (!LlmOpsCacheHit().GetAwaiter().GetResult().IsFromCache())
        {
            throw new InvalidOperationException("The LlmOpsCacheHit row is not answered from the cache.");
        }

        MeaiDistributedCacheHit().GetAwaiter().GetResult();
        if (ProviderPath().GetAwaiter().GetResult().Text != FixedProviderChatClient.ResponseText)
        {
            throw new InvalidOperationException("The provider path does not reach the provider.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>The same call without the cache: <c>UseLlmOps()</c> (telemetry, resilience) down to the provider.</summary>
    [Benchmark(Baseline = true)]
    public Task<ChatResponse> ProviderPath() => _pipeline.GetResponseAsync(Messages, _plain);

    /// <summary>A hit: <c>UseLlmOps()</c> with the response cache on, the call marked <c>WithCache()</c>.</summary>
    [Benchmark]
    public Task<ChatResponse> LlmOpsCacheHit() => _pipelineWithCache.GetResponseAsync(Messages, _cached);

    /// <summary>A hit of M.E.AI's <c>UseDistributedCache()</c> over a <see cref="MemoryDistributedCache"/>.</summary>
    [Benchmark]
    public Task<ChatResponse> MeaiDistributedCacheHit() => _meaiCaching.GetResponseAsync(Messages, _plain);

    /// <summary>The key alone: the SHA-256 of the canonical call, what every cached call pays first.</summary>
    [Benchmark]
    public string? KeyOnly() => ResponseCacheKey.TryCompute("llmops:chat:", null, Messages, _cached);
}

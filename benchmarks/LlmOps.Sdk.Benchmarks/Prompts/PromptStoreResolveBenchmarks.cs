using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.PostgreSql;
using LlmOps.Sdk.Tests.PostgreSql;

namespace LlmOps.Sdk.Benchmarks.Prompts;

/// <summary>
/// A cached resolve through a registry whose store is PostgreSQL, side by side with the same prompt in the in-memory
/// store: once a prompt is cached, where it came from should cost nothing. Starts its own PostgreSQL server.
/// </summary>
[MemoryDiagnoser]
public class PromptStoreResolveBenchmarks
{
    private static readonly PromptReference Reference = new("support", Label: "production");

    private PostgreSqlServer _server = null!;
    private PostgreSqlPromptStore _store = null!;
    private PromptRegistry _inMemory = null!;
    private PromptRegistry _postgreSql = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var prompt = new PromptVersion("support", 1, RealisticPrompt.Mustache);
        _inMemory = new PromptRegistry([new InMemoryPromptStore().Add(prompt, "production")], new PromptOptions { CacheDuration = TimeSpan.FromHours(1) });
        _server = await PostgreSqlServer.StartAsync(PostgreSqlServer.FindBinaries()
            ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install -y postgresql."));
        _store = new PostgreSqlPromptStore(await _server.CreateDatabaseAsync());
        await _store.PublishAsync(prompt, new("benchmark", "setup"));
        await _store.SetLabelAsync(prompt.Name, "production", [new(prompt.Version)], expected: null, new("benchmark", "setup"));
        _postgreSql = new PromptRegistry([_store], new PromptOptions { CacheDuration = TimeSpan.FromHours(1) });
        await _inMemory.ResolveAsync(Reference); // warm both caches
        await _postgreSql.ResolveAsync(Reference);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _postgreSql.Dispose();
        _inMemory.Dispose();
        await _store.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public ValueTask<PromptResolution> CachedFromInMemory() => _inMemory.ResolveAsync(Reference);

    [Benchmark]
    public ValueTask<PromptResolution> CachedFromPostgreSql() => _postgreSql.ResolveAsync(Reference);
}

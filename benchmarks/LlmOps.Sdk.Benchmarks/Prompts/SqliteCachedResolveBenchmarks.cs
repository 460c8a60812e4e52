using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.Sqlite;

namespace LlmOps.Sdk.Benchmarks.Prompts;

/// <summary>
/// A cached resolve from a registry over the SQLite store, side by side with one over the in-memory store: once a
/// prompt is cached, the store behind it should cost nothing, so the two should match.
/// </summary>
[MemoryDiagnoser]
public class SqliteCachedResolveBenchmarks
{
    private static readonly PromptReference Reference = new("support-reply", SplitKey: "user-42");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "llmops-bench-" + Guid.NewGuid().ToString("N"));
    private PromptRegistry _inMemory = null!;
    private PromptRegistry _sqlite = null!;
    private SqlitePromptStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_directory);
        var version = new PromptVersion("support-reply", 1, "Answer {{customer}}: {{question}}");
        _inMemory = new PromptRegistry([new InMemoryPromptStore().Add(version, "production")]);
        _store = new SqlitePromptStore(Path.Combine(_directory, "prompts.db"));
        _store.PublishAsync(version, new PromptChange("bench", "setup")).AsTask().GetAwaiter().GetResult();
        _store.SetLabelAsync("support-reply", "production", [new(1)], [], new PromptChange("bench", "setup")).AsTask().GetAwaiter().GetResult();
        _sqlite = new PromptRegistry([_store]);
        _inMemory.ResolveAsync(Reference).AsTask().GetAwaiter().GetResult(); // warm both caches
        _sqlite.ResolveAsync(Reference).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _inMemory.Dispose();
        _sqlite.Dispose();
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public ValueTask<PromptResolution> InMemoryStore() => _inMemory.ResolveAsync(Reference);

    [Benchmark]
    public ValueTask<PromptResolution> SqliteStore() => _sqlite.ResolveAsync(Reference);
}

using BenchmarkDotNet.Attributes;

namespace LlmOps.Sdk.Benchmarks.Privacy;

/// <summary>
/// The per-chunk cost alone: a 10,000-chunk stream, reported per chunk, so the call's own work adds under a nanosecond
/// a chunk. Target: at most 30 ns per chunk over the provider's stream when the call issued a placeholder and the chunk
/// holds none.
/// </summary>
[MemoryDiagnoser]
public class PrivacyStreamingChunkBenchmarks : PrivacyStreamingSetup
{
    private const int Chunks = 10_000;

    /// <summary>Initializes the benchmark.</summary>
    public PrivacyStreamingChunkBenchmarks()
        : base(Chunks)
    {
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks)]
    public Task<int> RawStream() => ReadAsync(Raw, WithEmail);

    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> StageRestoringNoPlaceholderInChunks() => ReadAsync(Stage, WithEmail);
}

using BenchmarkDotNet.Attributes;

namespace LlmOps.Sdk.Benchmarks.Privacy;

/// <summary>
/// A 200-chunk stream read to its end, reported per chunk: a typical answer, with the call's own work (the scan, the
/// placeholder map, the enumerator) spread over its chunks. The clean call's row shows the stage handing back the
/// provider's own enumerator. <see cref="PrivacyStreamingChunkBenchmarks"/> measures the per-chunk path alone.
/// </summary>
[MemoryDiagnoser]
public class PrivacyStreamingBenchmarks : PrivacyStreamingSetup
{
    private const int Chunks = 200;

    /// <summary>Initializes the benchmark.</summary>
    public PrivacyStreamingBenchmarks()
        : base(Chunks)
    {
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks)]
    public Task<int> RawStream() => ReadAsync(Raw, WithEmail);

    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> StageCleanCall() => ReadAsync(Stage, Clean);

    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> StageRestoringNoPlaceholderInChunks() => ReadAsync(Stage, WithEmail);
}

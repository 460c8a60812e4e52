using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Benchmarks.Privacy;

/// <summary>
/// The per-chunk cost alone: a 10,000-chunk stream, reported per chunk, so the call's own work (the scan, the
/// placeholder map, the enumerator) adds under a nanosecond a chunk. Target: at most 30 ns per chunk over the
/// provider's stream when the call issued a placeholder and the chunk holds none. The 200-chunk rows of
/// <see cref="PrivacyStreamingBenchmarks"/> show a typical answer, with the call's work included.
/// </summary>
[MemoryDiagnoser]
public class PrivacyStreamingChunkBenchmarks : IDisposable
{
    private const int Chunks = 10_000;
    private readonly ChatMessage[] _withEmail = [new(ChatRole.User, "Summarise the returns policy for jane.doe@example.com.")];
    private IChatClient _raw = null!;
    private IChatClient _stage = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new WordStreamChatClient(Chunks);
        _stage = new ChatClientBuilder(_raw).UseLlmOpsPrivacy(new PrivacyOptions { Enabled = true }).Build();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks)]
    public Task<int> RawStream() => WordStreamChatClient.ReadAsync(_raw, _withEmail);

    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> StageRestoringNoPlaceholderInChunks() => WordStreamChatClient.ReadAsync(_stage, _withEmail);

    [GlobalCleanup]
    public void Dispose()
    {
        _stage.Dispose();
        GC.SuppressFinalize(this);
    }
}

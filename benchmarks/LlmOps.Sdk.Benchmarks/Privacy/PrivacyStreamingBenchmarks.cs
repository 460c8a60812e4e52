using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Benchmarks.Privacy;

/// <summary>
/// A 200-chunk stream of words read to its end, reported per chunk. Target: at most 30 ns per chunk over the provider's
/// stream when the call issued a placeholder and the chunk holds none (the restoring path, not the clean pass-through).
/// The clean call's row shows the stage handing back the provider's own enumerator.
/// </summary>
[MemoryDiagnoser]
public class PrivacyStreamingBenchmarks : IDisposable
{
    private const int Chunks = 200;
    private readonly ChatMessage[] _clean = [new(ChatRole.User, "Summarise the returns policy.")];
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
    public Task<int> StageCleanCall() => WordStreamChatClient.ReadAsync(_stage, _clean);

    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> StageRestoringNoPlaceholderInChunks() => WordStreamChatClient.ReadAsync(_stage, _withEmail);

    [GlobalCleanup]
    public void Dispose()
    {
        _stage.Dispose();
        GC.SuppressFinalize(this);
    }
}

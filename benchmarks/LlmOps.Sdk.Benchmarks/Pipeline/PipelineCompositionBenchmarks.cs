using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Testing;

namespace LlmOps.Sdk.Benchmarks.Pipeline;

/// <summary>A call through <c>UseLlmOps()</c> with no stage configured, against the raw client.</summary>
[MemoryDiagnoser]
public class PipelineCompositionBenchmarks
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "How do I reset my password?")];
    private IChatClient _raw = null!;
    private IChatClient _withLlmOps = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new ScriptedChatClient().EnqueueReply("warm-up");
        _withLlmOps = new ChatClientBuilder(_raw).UseLlmOps().Build();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Raw() => _raw.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> UseLlmOpsNothingConfigured() => _withLlmOps.GetResponseAsync(Messages);
}

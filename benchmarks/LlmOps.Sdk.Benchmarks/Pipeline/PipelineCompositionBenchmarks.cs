using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Testing;

namespace LlmOps.Sdk.Benchmarks.Pipeline;

/// <summary>A call through <c>UseLlmOps()</c> with every stage turned off, against the raw client: it must cost nothing.</summary>
[MemoryDiagnoser]
public class PipelineCompositionBenchmarks
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "How do I reset my password?")];
    private IChatClient _raw = null!;
    private IChatClient _withLlmOps = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new ScriptedChatClient { RecordsRequests = false };

        // Telemetry and resilience are on by default; prompts and evaluation join only when configured.
        var nothing = new LlmOpsOptions { Telemetry = { Enabled = false }, Resilience = { Enabled = false } };
        _withLlmOps = new ChatClientBuilder(_raw).UseLlmOps(nothing).Build();
        if (!ReferenceEquals(_raw, _withLlmOps))
        {
            throw new InvalidOperationException("UseLlmOps with every stage off must return the client it was given.");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Raw() => _raw.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> UseLlmOpsEveryStageOff() => _withLlmOps.GetResponseAsync(Messages);
}

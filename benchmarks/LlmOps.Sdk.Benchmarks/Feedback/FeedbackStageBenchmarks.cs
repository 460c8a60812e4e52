using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Feedback;

namespace LlmOps.Sdk.Benchmarks.Feedback;

/// <summary>
/// The feedback stage against the raw client: what remembering each call in the recent-call index costs (target: at
/// most 100 ns, no allocation), alone and with capture configured but the call not sampled. Each call has a response id
/// of its own, as in production, so the index forgets one call for each it remembers once it is full.
/// </summary>
[MemoryDiagnoser]
public class FeedbackStageBenchmarks : IDisposable
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "What is the capital of France?")];
    private IChatClient _raw = null!;
    private IChatClient _feedback = null!;
    private IChatClient _captureNotSampled = null!;
    private FeedbackPipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new UniqueIdChatClient();
        _feedback = new FeedbackChatClient(_raw, new RecentCallIndex(10_000), capture: null);
        _pipeline = CaptureSetup.Create(samplingRate: 0.0, Path.Combine(Path.GetTempPath(), "llmops-bench-not-sampled.jsonl"));
        _captureNotSampled = new FeedbackChatClient(_raw, _pipeline.Index!, _pipeline.Capture); // Create with capture always has an index
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Raw() => _raw.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> RecentCallIndex() => _feedback.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> CaptureNotSampled() => _captureNotSampled.GetResponseAsync(Messages);

    [GlobalCleanup]
    public void Dispose()
    {
        _pipeline.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }
}

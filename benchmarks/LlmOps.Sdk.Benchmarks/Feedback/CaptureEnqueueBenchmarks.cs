using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Feedback;

namespace LlmOps.Sdk.Benchmarks.Feedback;

/// <summary>
/// What a call sampled for capture costs the caller: remembered in the index, its content copied out and queued. The
/// line is serialized, redacted and written by the background writer, off the call; the queue is large, and a write
/// that falls behind drops and counts, so the row measures the enqueue, not the disk.
/// </summary>
[MemoryDiagnoser]
public class CaptureEnqueueBenchmarks : IDisposable
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "What is the capital of France?")];
    private IChatClient _raw = null!;
    private IChatClient _captureSampled = null!;
    private FeedbackPipeline _pipeline = null!;
    private string _path = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new UniqueIdChatClient();
        _path = Path.Combine(Path.GetTempPath(), $"llmops-bench-capture-{Environment.ProcessId}.jsonl");
        _pipeline = CaptureSetup.Create(samplingRate: 1.0, _path);
        _captureSampled = new FeedbackChatClient(_raw, _pipeline.Index!, _pipeline.Capture); // Create with capture always has an index
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Raw() => _raw.GetResponseAsync(Messages);

    [Benchmark]
    public Task<ChatResponse> CaptureSampled() => _captureSampled.GetResponseAsync(Messages);

    [GlobalCleanup]
    public void Dispose()
    {
        _pipeline.DisposeAsync().AsTask().GetAwaiter().GetResult();
        File.Delete(_path);
        GC.SuppressFinalize(this);
    }
}

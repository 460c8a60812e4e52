using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Prompts.Sqlite;
using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Benchmarks.Feedback;

/// <summary>
/// What the capture queue's background writer spends per captured call: serialized and redacted, then appended to the
/// dataset file (one write and flush per batch) or inserted into a SQLite registry (one transaction per batch). Reported
/// per write: divide by <see cref="Batch"/> for a call. A batch is what the writer takes from the queue at once, 1 when
/// calls trickle in, up to 256 in a burst.
/// </summary>
[MemoryDiagnoser]
public class CaptureWriteBenchmarks : IDisposable
{
    private string _directory = null!;
    private CaptureFileWriter _file = null!;
    private SqlitePromptStore _store = null!;
    private CaptureStoreWriter _registry = null!;
    private CapturedCall[] _calls = null!;

    /// <summary>Gets or sets how many calls each write takes.</summary>
    [Params(1, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("llmops-bench-capture-write-").FullName;
        _file = new CaptureFileWriter(Path.Combine(_directory, "captured.jsonl"), PiiRedactor.Instance);
        _store = new SqlitePromptStore(Path.Combine(_directory, "prompts.db"));
        _registry = new CaptureStoreWriter(_store, "support", PiiRedactor.Instance);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "Paris is the capital of France.")) { ResponseId = "chatcmpl-1" };
        _calls = [.. Enumerable.Range(0, Batch).Select(i => new CapturedCall(
            $"chatcmpl-{i}", CaptureReasons.Sampled, DateTimeOffset.UnixEpoch, [new ChatMessage(ChatRole.User, "What is the capital of France?")], response)
        {
            PromptName = "support-reply",
            PromptVersion = 3,
            Variables = new Dictionary<string, object?> { ["customer"] = "Ada", ["question"] = "What is the capital of France?" },
        })];
    }

    [Benchmark(Baseline = true)]
    public ValueTask File() => _file.WriteAsync(_calls, CancellationToken.None);

    [Benchmark]
    public ValueTask Sqlite() => _registry.WriteAsync(_calls, CancellationToken.None);

    [GlobalCleanup]
    public void Dispose()
    {
        _file.Dispose();
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

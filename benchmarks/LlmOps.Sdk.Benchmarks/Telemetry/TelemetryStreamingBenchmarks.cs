using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Benchmarks.Measuring;

namespace LlmOps.Sdk.Benchmarks.Telemetry;

/// <summary>
/// A stream of 200 chunks read to its end: raw, through <c>UseOpenTelemetry()</c> and through our stage, reported per
/// chunk (<c>OperationsPerInvoke = 200</c>, the call's own cost spread over its chunks). The difference to
/// <see cref="Raw"/> is the per-chunk cost.
/// </summary>
/// <remarks>
/// The provider streams pre-built updates (<see cref="FixedProviderChatClient"/>: usage and finish reason on the last)
/// and allocates nothing per chunk, so the rows are the stages' own cost.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(LaunchComparisonConfig))] // run with --launchCount 5 to read the targets: see LaunchMedianColumn
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] disposes the stacks
public class TelemetryStreamingBenchmarks
#pragma warning restore CA1001
{
    private const int Chunks = 200;
    private const string OpenTelemetrySource = "Benchmarks.OpenTelemetryChatClient.Streaming";
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "Tell me a long story.")];
    private static readonly ChatOptions Options = new() { ModelId = "gpt-4o-mini" };

    private TelemetryStacks _stacks = null!;

    /// <summary>Gets or sets whether a listener records every span and metric.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup() => _stacks = new TelemetryStacks(Chunks, OpenTelemetrySource, Listening);

    [GlobalCleanup]
    public void Cleanup() => _stacks.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks)]
    public Task<int> UseOpenTelemetry() => ReadAllAsync(_stacks.OpenTelemetry);

    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> UseLlmOpsTelemetry() => ReadAllAsync(_stacks.LlmOps);

    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> Raw() => ReadAllAsync(_stacks.Raw);

    /// <summary>The per-chunk floor: forward, read the clock, record the chunk histogram, nothing else.</summary>
    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> ChunkTimingFloor() => ReadAllAsync(_stacks.ChunkTimingFloor);

    private static async Task<int> ReadAllAsync(IChatClient client)
    {
        var count = 0;
        await foreach (var update in client.GetStreamingResponseAsync(Messages, Options))
        {
            count++;
        }

        return count;
    }
}

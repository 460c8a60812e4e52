using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Benchmarks.Measuring;

namespace LlmOps.Sdk.Benchmarks.Telemetry;

/// <summary>
/// One non-streaming call through our telemetry stage and through <c>UseOpenTelemetry()</c>, over the same provider,
/// with nobody listening and with a listener that records every span and metric.
/// </summary>
/// <remarks>
/// The provider answers with one completed response and allocates nothing (<see cref="FixedProviderChatClient"/>), so
/// the rows are the stages' own cost: a provider that builds its reply costs microseconds, with more spread than the
/// stages' whole difference.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(LaunchComparisonConfig))] // run with --launchCount 5 to read the targets: see LaunchMedianColumn
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] disposes the stacks
public class TelemetryCallBenchmarks
#pragma warning restore CA1001
{
    private const string OpenTelemetrySource = "Benchmarks.OpenTelemetryChatClient";
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "How do I reset my password?")];
    private static readonly ChatOptions Options = new() { ModelId = "gpt-4o-mini", Temperature = 0.2f, MaxOutputTokens = 200 };

    private TelemetryStacks _stacks = null!;

    /// <summary>Gets or sets whether a listener records every span and metric.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup() => _stacks = new TelemetryStacks(1, OpenTelemetrySource, Listening);

    [GlobalCleanup]
    public void Cleanup() => _stacks.Dispose();

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> UseOpenTelemetry() => _stacks.OpenTelemetry.GetResponseAsync(Messages, Options);

    [Benchmark]
    public Task<ChatResponse> UseLlmOpsTelemetry() => _stacks.LlmOps.GetResponseAsync(Messages, Options);

    [Benchmark]
    public Task<ChatResponse> Raw() => _stacks.Raw.GetResponseAsync(Messages, Options);

    /// <summary>The per-call floor: what our stage records for this call, inline, with every value known in advance.</summary>
    [Benchmark]
    public Task<ChatResponse> CallRecordingFloor() => _stacks.CallRecordingFloor.GetResponseAsync(Messages, Options);
}

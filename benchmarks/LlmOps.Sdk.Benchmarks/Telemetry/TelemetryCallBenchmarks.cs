using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Telemetry;

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
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] disposes the clients
public class TelemetryCallBenchmarks
#pragma warning restore CA1001
{
    private const string OpenTelemetrySource = "Benchmarks.OpenTelemetryChatClient";
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "How do I reset my password?")];
    private static readonly ChatOptions Options = new() { ModelId = "gpt-4o-mini", Temperature = 0.2f, MaxOutputTokens = 200 };

    private IChatClient _raw = null!;
    private IChatClient _openTelemetry = null!;
    private IChatClient _llmOps = null!;
    private TelemetryListeners? _listeners;

    /// <summary>Gets or sets whether a listener records every span and metric.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _raw = new FixedProviderChatClient();
        _openTelemetry = new ChatClientBuilder(_raw).UseOpenTelemetry(sourceName: OpenTelemetrySource).Build();
        _llmOps = new TelemetryChatClient(_raw, new TelemetryOptions { CaptureMessageContent = false });
        _listeners = Listening ? new TelemetryListeners(LlmOpsTelemetry.SourceName, OpenTelemetrySource) : null;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listeners?.Dispose();
        _llmOps.Dispose();
        _openTelemetry.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> UseOpenTelemetry() => _openTelemetry.GetResponseAsync(Messages, Options);

    [Benchmark]
    public Task<ChatResponse> UseLlmOpsTelemetry() => _llmOps.GetResponseAsync(Messages, Options);

    [Benchmark]
    public Task<ChatResponse> Raw() => _raw.GetResponseAsync(Messages, Options);
}

using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Benchmarks.Privacy;

/// <summary>
/// One call with a 2 KB prompt through the privacy stage, against the provider alone. Targets: with no personal data,
/// at most 1 µs over the provider and no allocation; with five values to pseudonymise, reported. The provider is a
/// completed task, so the stage's own cost is what shows.
/// </summary>
[MemoryDiagnoser]
public class PrivacyStageBenchmarks : IDisposable
{
    private readonly ChatMessage[] _clean = [new(ChatRole.User, PrivacyTexts.Clean)];
    private readonly ChatMessage[] _withFiveValues = [new(ChatRole.User, PrivacyTexts.WithFiveValues)];
    private IChatClient _raw = null!;
    private IChatClient _stage = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new FixedProviderChatClient();
        _stage = new ChatClientBuilder(_raw).UseLlmOpsPrivacy(new PrivacyOptions { Enabled = true }).Build();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> RawCleanPrompt() => _raw.GetResponseAsync(_clean);

    [Benchmark]
    public Task<ChatResponse> StageCleanPrompt() => _stage.GetResponseAsync(_clean);

    [Benchmark]
    public Task<ChatResponse> StageFiveValues() => _stage.GetResponseAsync(_withFiveValues);

    [GlobalCleanup]
    public void Dispose()
    {
        _stage.Dispose(); // disposes the raw client too, through the stage
        GC.SuppressFinalize(this);
    }
}

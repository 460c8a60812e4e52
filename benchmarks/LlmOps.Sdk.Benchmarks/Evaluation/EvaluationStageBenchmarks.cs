using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Benchmarks.Evaluation;

/// <summary>
/// The evaluation stage against the raw client. The promise (issue 6): when no evaluator samples a call, the stage adds
/// at most 50 ns and allocates nothing. The provider is a completed task, so the stage's own cost is what shows; the
/// sampled row shows what an inline exact-match evaluation (context, score, record, sinks) costs on top. Its sink keeps
/// nothing, but makes the scores seen: without any audience the stage runs no evaluator at all.
/// </summary>
[MemoryDiagnoser]
public class EvaluationStageBenchmarks : IDisposable
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "What is the capital of France?")];
    private static readonly ChatOptions Reference = new ChatOptions().WithReferenceAnswer(FixedProviderChatClient.ResponseText);
    private IChatClient _raw = null!;
    private IChatClient _notSampled = null!;
    private IChatClient _inlineExactMatch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new FixedProviderChatClient();
        _notSampled = new ChatClientBuilder(_raw).UseLlmOpsEvaluation(Options(samplingRate: 0.0)).Build();
        _inlineExactMatch = new ChatClientBuilder(_raw).UseLlmOpsEvaluation(Options(samplingRate: 1.0)).Build();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Raw() => _raw.GetResponseAsync(Messages, Reference);

    [Benchmark]
    public Task<ChatResponse> StageNoEvaluatorSampled() => _notSampled.GetResponseAsync(Messages, Reference);

    [Benchmark]
    public Task<ChatResponse> StageInlineExactMatch() => _inlineExactMatch.GetResponseAsync(Messages, Reference);

    [GlobalCleanup]
    public void Dispose()
    {
        _inlineExactMatch.Dispose(); // disposes the raw client too, through the stage
        _notSampled.Dispose();
        GC.SuppressFinalize(this);
    }

    private static EvaluationOptions Options(double samplingRate) => new()
    {
        Evaluators = { new EvaluatorRegistration(new ExactMatchEvaluator(), new EvaluatorOptions { SamplingRate = samplingRate }) },
        Sinks = { new DiscardingEvaluationSink() },
    };
}

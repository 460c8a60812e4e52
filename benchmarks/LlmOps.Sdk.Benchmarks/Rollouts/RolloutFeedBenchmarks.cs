using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Rollouts;

namespace LlmOps.Sdk.Benchmarks.Rollouts;

/// <summary>What feeding a rollout's figures costs per call: the stage's and the evaluation sink's share of each call.</summary>
/// <remarks>
/// The baseline is a call of a prompt no rollout watches, the cost every other prompt pays while a rollout runs.
/// </remarks>
[MemoryDiagnoser]
public class RolloutFeedBenchmarks
{
    private const string Watched = "support-reply";
    private readonly RolloutFigures _figures = new();
    private readonly EvaluationScore[] _scores = [new("json_valid", 1, passed: true)];

    [GlobalSetup]
    public void Setup() =>
        _figures.Open(Watched, new RolloutWindow("production", 0, 1, 2, ["json_valid"], DateTimeOffset.UnixEpoch));

    [Benchmark(Baseline = true)]
    public void CallOfUnwatchedPrompt() => _figures.RecordCall("other-prompt", 2, failed: false, 812.5, 0.0021);

    [Benchmark]
    public void CallOfCandidate() => _figures.RecordCall(Watched, 2, failed: false, 812.5, 0.0021);

    [Benchmark]
    public void ScoreOfCandidate() => _figures.RecordScores(Watched, 2, _scores);
}

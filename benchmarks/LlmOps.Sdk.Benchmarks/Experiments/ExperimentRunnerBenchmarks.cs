using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Benchmarks.Experiments;

/// <summary>
/// The runner's own cost per case, against the loop a user would write by hand: <c>Parallel.ForEachAsync</c> over the
/// items, rendering the same prompt, calling the same client, running the same evaluators and appending a JSON line.
/// </summary>
/// <remarks>
/// Both rows run <see cref="Cases"/> cases per invocation with 4 in flight, over a provider that answers from memory, and
/// write a new results file each time (the runner would otherwise resume and skip everything). Reported per case.
/// The promise: <c>Runner</c> takes at most 1.2× the time of <c>HandWrittenLoop</c>.
/// </remarks>
[MemoryDiagnoser]
public class ExperimentRunnerBenchmarks
{
    private const int Cases = 2_000;

    private readonly FixedProviderChatClient _client = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "llmops-bench-" + Guid.NewGuid().ToString("N"));
    private Dataset _dataset = null!;
    private Experiment _experiment = null!;
    private IResponseEvaluator[] _evaluators = null!;
    private PromptTemplate _template = null!;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        _dataset = ExperimentWorkload.Items(Cases);
        _experiment = ExperimentWorkload.Experiment(_dataset, _client);
        _evaluators = ExperimentWorkload.Evaluators();
        _template = PromptTemplate.Parse(ExperimentWorkload.Prompt.Text!); // a text prompt always has its text
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = Cases)]
    public async Task HandWrittenLoop()
    {
        var path = NewPath();
        var gate = new Lock();
        await using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0))
        {
            await Parallel.ForEachAsync(_dataset.Items, new ParallelOptions { MaxDegreeOfParallelism = ExperimentWorkload.Concurrency }, async (item, token) =>
            {
                var startedAt = TimeProvider.System.GetUtcNow();
                var start = TimeProvider.System.GetTimestamp();
                List<ChatMessage> messages = [new(ChatRole.User, _template.Render(item.Variables))];
                var response = await _client.GetResponseAsync(messages, new ChatOptions(), token);
                var latency = TimeProvider.System.GetElapsedTime(start);
                var context = new ChatEvaluationContext(messages, response) { ReferenceAnswers = item.ReferenceAnswers, Latency = latency };
                List<ExperimentScore> scores = [];
                foreach (var evaluator in _evaluators)
                {
                    foreach (var score in await evaluator.EvaluateAsync(context, token))
                    {
                        scores.Add(new ExperimentScore(score.Name, score.Value, score.Passed, score.Explanation));
                    }
                }

                var line = JsonSerializer.Serialize(new ExperimentCaseResult
                {
                    ExperimentId = "bench",
                    Candidate = "candidate",
                    ItemId = item.Id,
                    DatasetHash = _dataset.ContentHash,
                    PromptHash = ExperimentWorkload.Prompt.ContentHash,
                    SettingsHash = string.Empty,
                    StartedAt = startedAt,
                    Output = response.Text,
                    Scores = scores,
                    LatencyMilliseconds = latency.TotalMilliseconds,
                    InputTokens = response.Usage?.InputTokenCount,
                    OutputTokens = response.Usage?.OutputTokenCount,
                }, ExperimentJsonContext.Default.ExperimentCaseResult);
                var bytes = Encoding.UTF8.GetBytes(line + "\n");
                lock (gate)
                {
                    file.Write(bytes);
                }
            });
        }

        File.Delete(path);
    }

    [Benchmark(OperationsPerInvoke = Cases)]
    public async Task Runner()
    {
        var path = NewPath();
        var result = await new ExperimentRunner().RunAsync(_experiment, path);
        if (result.CompletedCases != Cases)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The runner ran {result.CompletedCases} cases, not {Cases}."));
        }

        File.Delete(path);
    }

    private string NewPath() => Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".jsonl");
}

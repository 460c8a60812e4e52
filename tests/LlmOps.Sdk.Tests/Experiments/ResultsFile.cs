using System.Text;
using System.Text.Json;
using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Tests.Experiments;

/// <summary>A results file written by hand, line by line, in a temporary folder deleted on dispose.</summary>
internal sealed class ResultsFile : IDisposable
{
    private readonly List<ExperimentCaseResult> _cases = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("llmops-results-").FullName;

    public ResultsFile(string name = "results.jsonl") => Path = System.IO.Path.Combine(_folder, name);

    public string Path { get; }

    public string Folder => _folder;

    /// <summary>
    /// Gets the file most tests share: v2 beats the baseline v1 on token_f1 on every one of 8 items, by 0.01 to 0.08,
    /// and regresses on exact_match on q5 and q6 while fixing q7 and q8.
    /// </summary>
    public static ResultsFile TwoCandidates(string name = "results.jsonl")
    {
        double[] baseline = [0.2, 0.3, 0.4, 0.5, 0.6, 0.5, 0.4, 0.3];
        double[] candidate = [0.21, 0.32, 0.43, 0.54, 0.65, 0.56, 0.47, 0.38];
        var file = new ResultsFile(name);
        for (var i = 0; i < 8; i++)
        {
            file.Add("v1", $"q{i + 1}", baseline[i], exact: i < 6, latency: 100 * (i + 1), cost: 0.001m, inputTokens: 10, outputTokens: 5,
                output: $"the answer is {i + 1}");
        }

        for (var i = 0; i < 8; i++)
        {
            file.Add("v2", $"q{i + 1}", candidate[i], exact: i is < 4 or >= 6, latency: 100 * (i + 2), cost: 0.002m, inputTokens: 10, outputTokens: 5,
                output: $"the answer is probably {i + 1}");
        }

        return file;
    }

    public ResultsFile Add(
        string candidate, string item, double? f1 = null, bool? exact = null, double latency = 100, string? output = null,
        int repetition = 0, string? error = null, decimal? cost = null, long? inputTokens = null, long? outputTokens = null)
    {
        var scores = new List<ExperimentScore>();
        if (error is null && f1 is not null)
        {
            scores.Add(new ExperimentScore("token_f1", Value: f1));
        }

        if (error is null && exact is not null)
        {
            scores.Add(new ExperimentScore("exact_match", Passed: exact));
        }

        _cases.Add(new ExperimentCaseResult
        {
            ExperimentId = "exp-1",
            Candidate = candidate,
            ItemId = item,
            Repetition = repetition,
            DatasetHash = "sha256:dataset",
            PromptHash = "sha256:" + candidate,
            SettingsHash = "sha256:settings",
            Model = "model-" + candidate,
            Output = error is null ? output ?? $"answer of {candidate} to {item}" : null,
            Scores = scores,
            LatencyMilliseconds = latency,
            Cost = cost,
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            ErrorType = error is null ? null : "HttpRequestException",
            Error = error,
        });
        return this;
    }

    public async Task<string> WriteAsync()
    {
        var text = new StringBuilder();
        foreach (var result in _cases)
        {
            text.AppendLine(JsonSerializer.Serialize(result, ExperimentJsonContext.Default.ExperimentCaseResult));
        }

        await File.WriteAllTextAsync(Path, text.ToString());
        return Path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmOps.Cli;

namespace LlmOps.Sdk.Tests.Cli;

public sealed class ExperimentRunCommandTests : IDisposable
{
    private const int Items = 20;
    private readonly CliTempFolder _folder = new();

    public ExperimentRunCommandTests()
    {
        var dataset = new StringBuilder();
        var good = new StringBuilder();
        var bad = new StringBuilder();
        for (var i = 1; i <= Items; i++)
        {
            dataset.AppendLine(CultureInfo.InvariantCulture, $$"""{"id":"q{{i:00}}","variables":{"input":"What is {{i}} + {{i}}?"},"expected":"{{2 * i}}"}""");
            good.AppendLine(CultureInfo.InvariantCulture, $$"""{"id":"q{{i:00}}","answer":"{{2 * i}}"}""");
            bad.AppendLine(CultureInfo.InvariantCulture, $$"""{"id":"q{{i:00}}","answer":"{{(i <= 8 ? "I am not sure" : (2 * i).ToString(CultureInfo.InvariantCulture))}}"}""");
        }

        _folder.Write("items.jsonl", dataset.ToString());
        _folder.Write("good.jsonl", good.ToString());
        _folder.Write("bad.jsonl", bad.ToString());
        _folder.Write("experiment.yaml", """
            name: sums
            dataset: items.jsonl
            candidates:
              - { name: good, kind: scripted, answers: good.jsonl }
              - { name: bad, kind: scripted, answers: bad.jsonl }
            evaluators: [token_f1, exact_match]
            """);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_ScriptedCandidates_WritesResultsAndTheSummaryOnStdout()
    {
        var run = await CliRun.InvokeAsync("experiment", "run", _folder.Combine("experiment.yaml"), "--out", _folder.Combine("out"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = File.ReadAllLines(_folder.Combine("out/results.jsonl"));
        Assert.Equal(2 * Items, lines.Length);
        Assert.Contains("token_f1", run.Output, StringComparison.Ordinal);
        Assert.Contains("bad", run.Output, StringComparison.Ordinal);
        Assert.Contains($"cases {2 * Items}/{2 * Items} (100%)", run.Error, StringComparison.Ordinal); // plain progress on stderr
    }

    [Fact]
    public async Task Run_FailOnRegressionOfAWorseCandidate_Exits1ListingTheFailedGate()
    {
        var run = await CliRun.InvokeAsync("experiment", "run", _folder.Combine("experiment.yaml"), "--out", _folder.Combine("out"),
            "--fail-on-regression", "token_f1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("The gate failed 1 of ", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"bad\s+\| regression of token_f1", run.Error);
    }

    [Fact]
    public async Task Run_FailOnConditionThatHolds_Exits1ListingTheCandidateAndItsValue()
    {
        var run = await CliRun.InvokeAsync("experiment", "run", _folder.Combine("experiment.yaml"), "--out", _folder.Combine("out"),
            "--fail-on", "exact_match.mean < 0.70");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"bad\s+\| exact_match.mean < 0.70\s+\| 0.600", run.Error);
        Assert.DoesNotContain("good ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FailOnConditionThatDoesNotParse_Exits2BeforeRunning()
    {
        var run = await CliRun.InvokeAsync("experiment", "run", _folder.Combine("experiment.yaml"), "--out", _folder.Combine("out"),
            "--fail-on", "token_f1.mean <<< 0.7");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("out/results.jsonl")), "The run started although its gate was bad input.");
    }

    [Fact]
    public async Task Report_ResultsFile_WritesHtmlMarkdownAndJsonFiles()
    {
        await CliRun.InvokeAsync("experiment", "run", _folder.Combine("experiment.yaml"), "--out", _folder.Combine("out"));

        var run = await CliRun.InvokeAsync("experiment", "report", _folder.Combine("out/results.jsonl"),
            "--html", _folder.Combine("r/report.html"), "--md", _folder.Combine("r/report.md"), "--json", _folder.Combine("r/summary.json"), "--baseline", "bad");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("<table", File.ReadAllText(_folder.Combine("r/report.html")), StringComparison.Ordinal);
        Assert.Contains("good", File.ReadAllText(_folder.Combine("r/report.md")), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(_folder.Combine("r/summary.json")));
        Assert.Equal("bad", json.RootElement.GetProperty("baseline").GetString());
    }

    [Fact]
    public async Task Compare_WorseSecondFile_Exits1UnderFailOnRegression()
    {
        _folder.Write("only-good.yaml", "name: sums\ndataset: items.jsonl\ncandidates:\n  - { name: model, kind: scripted, answers: good.jsonl }\nevaluators: [token_f1]\n");
        _folder.Write("only-bad.yaml", "name: sums\ndataset: items.jsonl\ncandidates:\n  - { name: model, kind: scripted, answers: bad.jsonl }\nevaluators: [token_f1]\n");
        await CliRun.InvokeAsync("experiment", "run", _folder.Combine("only-good.yaml"), "--out", _folder.Combine("before"));
        await CliRun.InvokeAsync("experiment", "run", _folder.Combine("only-bad.yaml"), "--out", _folder.Combine("after"));

        var run = await CliRun.InvokeAsync("experiment", "compare", _folder.Combine("before/results.jsonl"), _folder.Combine("after/results.jsonl"),
            "--fail-on-regression", "token_f1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("regression of token_f1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Json_WritesOnlyTheSummaryJsonOnStdout()
    {
        var run = await CliRun.InvokeAsync("experiment", "run", _folder.Combine("experiment.yaml"), "--out", _folder.Combine("out"), "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(["good", "bad"], json.RootElement.GetProperty("candidates").EnumerateArray().Select(static c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Run_Resume_RunsOnlyTheMissingCases()
    {
        var output = _folder.Combine("out");
        var first = await CliRun.InvokeAsync("experiment", "run", _folder.Combine("experiment.yaml"), "--out", output);
        var results = Path.Combine(output, "results.jsonl");
        File.WriteAllLines(results, File.ReadAllLines(results).Take(30)); // as if the run had stopped after 30 cases

        var resumed = await CliRun.InvokeAsync("experiment", "run", _folder.Combine("experiment.yaml"), "--out", output, "--resume");

        Assert.True((first.ExitCode, resumed.ExitCode) == (0, 0), resumed.ToString());
        Assert.Contains($"cases 10/10 (100%)", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(2 * Items, File.ReadAllLines(results).Length);
    }

    [Fact]
    public async Task Run_OpenAiCandidateWithoutItsKeyVariable_Exits2NamingTheVariable()
    {
        _folder.Write("openai.yaml", """
            name: sums
            dataset: items.jsonl
            candidates:
              - { name: real, model: gpt-4.1-mini, api_key_env: LLMOPS_TEST_UNSET_KEY }
            """);

        var run = await CliRun.InvokeAsync(
            (output, error) => new CliHost(output, error) { GetEnvironmentVariable = static _ => null },
            "experiment", "run", _folder.Combine("openai.yaml"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("LLMOPS_TEST_UNSET_KEY", run.Error, StringComparison.Ordinal);
    }
}

using ExperimentsSample;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Tests.Cli;

namespace LlmOps.Sdk.Tests.Samples;

/// <summary>Runs the Experiments sample's main path in-process and checks what it promises: files, and real differences.</summary>
public sealed class ExperimentsSampleTests
{
    [Fact]
    public async Task RunAsync_Offline_WritesResultsAndReportsThatFindThePromptAndModelDifferences()
    {
        using var folder = new CliTempFolder();
        using var log = new StringWriter();

        var outputs = await CapitalsExperiment.RunAsync(folder.Path, log);

        Assert.Equal(55 * 4, File.ReadAllLines(outputs.Results).Length);
        var markdown = await File.ReadAllTextAsync(outputs.Markdown);
        Assert.All(new[] { "v1-large", "v2-large", "v1-small", "v2-small" }, name => Assert.Contains(name, markdown, StringComparison.Ordinal));
        Assert.Contains("<table", await File.ReadAllTextAsync(outputs.Html), StringComparison.Ordinal);
        var summary = await ExperimentSummarizer.SummarizeAsync(outputs.Results, new SummaryOptions { Baseline = "v2-large" });
        var small = summary.Comparisons.Single(static c => c.Candidate == "v2-small").Scores.Single(static s => s.Score == "exact_match");
        Assert.True(small.Verdict == Verdict.Worse && small.CandidateMean < 0.75, $"{small}");
        var wordy = summary.Comparisons.Single(static c => c.Candidate == "v1-large").Scores.Single(static s => s.Score == "token_f1");
        Assert.True(wordy.Verdict == Verdict.Worse, $"{wordy}");
    }
}

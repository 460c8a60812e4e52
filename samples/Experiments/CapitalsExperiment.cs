using System.Globalization;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Testing;

namespace ExperimentsSample;

/// <summary>Runs two prompt versions through two models over 55 questions, then writes the results and the reports.</summary>
internal static class CapitalsExperiment
{
    /// <summary>Runs the experiment into <paramref name="outputFolder"/> and returns the files it wrote.</summary>
    public static async Task<SampleOutputs> RunAsync(string outputFolder, TextWriter log, CancellationToken cancellationToken = default)
    {
        var here = AppContext.BaseDirectory;
        using var prompts = new FilePromptStore(Path.Combine(here, "prompts"), watch: false); // prompts/capital: v1.yaml, v2.yaml
        using var registry = new PromptRegistry([prompts]);

        // Each model sits behind the prompt stage, as in production: the runner names the prompt version, the stage renders it.
        using var large = new ChatClientBuilder(new ScriptedChatClient { Responder = Atlas.Large }).UseLlmOpsPrompts(registry).Build();
        using var small = new ChatClientBuilder(new ScriptedChatClient { Responder = Atlas.Small }).UseLlmOpsPrompts(registry).Build();
        var experiment = new Experiment
        {
            Id = "capitals",
            Dataset = Dataset.Load(Path.Combine(here, "dataset.jsonl")), // 55 countries and their capitals
            Candidates =
            [
                ExperimentCandidate.ForPrompt("v1-large", "capital", version: 1) with { Client = large, ModelId = "atlas-large" },
                ExperimentCandidate.ForPrompt("v2-large", "capital", version: 2) with { Client = large, ModelId = "atlas-large" },
                ExperimentCandidate.ForPrompt("v1-small", "capital", version: 1) with { Client = small, ModelId = "atlas-small" },
                ExperimentCandidate.ForPrompt("v2-small", "capital", version: 2) with { Client = small, ModelId = "atlas-small" },
            ],
            Evaluators = [new TokenF1Evaluator(), new ExactMatchEvaluator()],
            Baseline = "v1-large", // what production serves today
        };

        Directory.CreateDirectory(outputFolder);
        var outputs = new SampleOutputs(
            Path.Combine(outputFolder, "results.jsonl"), Path.Combine(outputFolder, "report.md"), Path.Combine(outputFolder, "report.html"));
        File.Delete(outputs.Results); // a fresh run each time; keep the file to resume an interrupted run instead

        var run = await new ExperimentRunner(registry: registry).RunAsync(experiment, outputs.Results, cancellationToken: cancellationToken);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Ran {run.CompletedCases} cases ({experiment.Dataset.Items.Count} items × {experiment.Candidates.Count} candidates) in {run.Elapsed.TotalSeconds:0.0} s."));

        var summary = await ExperimentSummarizer.SummarizeAsync(outputs.Results, new SummaryOptions { Baseline = experiment.Baseline }, cancellationToken);
        foreach (var comparison in summary.Comparisons)
        {
            foreach (var score in comparison.Scores)
            {
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {comparison.Candidate,-9} vs {comparison.Baseline}: {score.Score,-11} {score.CandidateMean:0.000} vs {score.BaselineMean:0.000}  {score.Verdict} (p = {score.PValue:0.0000})"));
            }
        }

        await File.WriteAllTextAsync(outputs.Markdown, ExperimentReports.ToMarkdown(summary), cancellationToken);
        await ExperimentReports.WriteHtmlAsync(summary, outputs.Html, new HtmlReportOptions { Title = "Capitals: prompt v1 and v2 on two models" }, cancellationToken);
        return outputs;
    }
}

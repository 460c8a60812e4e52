using LlmOps.Cli.Progress;
using LlmOps.Sdk.Experiments;

namespace LlmOps.Cli.Experiments;

/// <summary>Does <c>llmops experiment run</c>: loads the definition, runs it, summarizes it and applies the gates.</summary>
internal static class ExperimentRunAction
{
    public static async Task<int> ExecuteAsync(CliHost host, ExperimentRunRequest request, CancellationToken cancellationToken)
    {
        var definition = ExperimentDefinition.Load(request.DefinitionPath);
        definition = definition with { Concurrency = request.Concurrency ?? definition.Concurrency };
        _ = Gates.Parse([.. definition.Thresholds.FailOn, .. request.FailOn]); // a bad condition fails now, not after the run
        var folder = request.OutputDirectory
            ?? Path.Combine(Path.GetDirectoryName(definition.FilePath)!, "results", definition.Name); // a full path has a folder
        var resultsPath = Path.Combine(folder, "results.jsonl");
        List<IChatClient> clients = [];
        try
        {
            var experiment = await definition.CreateExperimentAsync(
                candidate =>
                {
                    var client = CandidateClients.Create(candidate, host);
                    clients.Add(client);
                    return client;
                },
                cancellationToken);
            if (!request.Resume && File.Exists(resultsPath))
            {
                // Without --resume a run starts over; the runner would otherwise skip the cases the old file holds.
                File.Delete(resultsPath);
            }

            await host.Error.WriteLineAsync(
                $"Running '{definition.Name}': {experiment.Dataset.Items.Count} items × {experiment.Candidates.Count} candidates × {experiment.Repetitions} → {resultsPath}");
            var runner = new ExperimentRunner(timeProvider: host.TimeProvider);
            var result = await ProgressDisplay.RunAsync(host, progress =>
                runner.RunAsync(experiment, resultsPath, new ProgressAdapter(progress), cancellationToken));
            return await ExperimentOutcome.WriteAsync(host, definition, result, request, cancellationToken);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Turns the runner's progress into what the display shows.</summary>
    private sealed class ProgressAdapter : IProgress<ExperimentProgress>
    {
        private readonly IProgress<RunProgressSnapshot> _display;

        public ProgressAdapter(IProgress<RunProgressSnapshot> display)
        {
            _display = display;
        }

        public void Report(ExperimentProgress value) => _display.Report(new RunProgressSnapshot(
            value.CasesDone, value.CasesTotal, value.FailedCases, value.InputTokens + value.OutputTokens, value.Cost, value.Elapsed));
    }
}

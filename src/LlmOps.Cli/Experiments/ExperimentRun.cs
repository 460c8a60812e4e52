using LlmOps.Sdk.Experiments;

namespace LlmOps.Cli.Experiments;

/// <summary>Does <c>llmops experiment run</c>: loads the definition, runs it, summarizes it and applies the gates.</summary>
internal static class ExperimentRun
{
    public static async Task<int> ExecuteAsync(CliHost host, ExperimentRunRequest request, CancellationToken cancellationToken)
    {
        var definition = ExperimentDefinition.Load(request.DefinitionPath);
        foreach (var candidate in definition.Candidates)
        {
            using var client = CandidateClients.Create(candidate, host);
        }

        await host.Error.WriteLineAsync($"Experiment '{definition.Name}': {definition.Candidates.Count} candidates.");
        cancellationToken.ThrowIfCancellationRequested();
        throw new CliInputException("Running experiments is not available in this build.");
    }
}

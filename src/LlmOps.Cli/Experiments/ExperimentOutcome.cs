using System.Globalization;
using LlmOps.Sdk.Experiments;

namespace LlmOps.Cli.Experiments;

/// <summary>Writes what a run did on stdout and decides its exit code.</summary>
internal static class ExperimentOutcome
{
    public static async Task<int> WriteAsync(
        CliHost host, ExperimentDefinition definition, ExperimentRunResult result, ExperimentRunRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{definition.Name}: {result.CompletedCases} cases run, {result.SkippedCases} resumed, {result.FailedCases} failed. Results: {result.ResultsPath}"));
        return result.Status == ExperimentRunStatus.Completed ? CliExitCodes.Ok : CliExitCodes.Failed;
    }
}

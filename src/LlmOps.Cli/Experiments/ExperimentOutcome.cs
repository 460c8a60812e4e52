using LlmOps.Sdk.Experiments;

namespace LlmOps.Cli.Experiments;

/// <summary>Summarizes a finished run on stdout, applies the gates and decides the exit code.</summary>
internal static class ExperimentOutcome
{
    public static async Task<int> WriteAsync(
        CliHost host, ExperimentDefinition definition, ExperimentRunResult result, ExperimentRunRequest request, CancellationToken cancellationToken)
    {
        await host.Error.WriteLineAsync($"Results: {result.ResultsPath}");
        if (result.Status != ExperimentRunStatus.Completed)
        {
            await host.Error.WriteLineAsync($"The run stopped early: {result.FailedCases} cases failed. Fix the cause, then rerun with --resume to continue.");
            return CliExitCodes.Failed;
        }

        var summary = await ExperimentSummarizer.SummarizeAsync(result.ResultsPath, new SummaryOptions { Baseline = definition.Baseline }, cancellationToken);
        await SummaryOutput.WriteAsync(host, summary, request.Json, cancellationToken);
        return await Gates.ApplyAsync(host, summary,
            Gates.Parse([.. definition.Thresholds.FailOn, .. request.FailOn]),
            [.. definition.Thresholds.FailOnRegression, .. request.FailOnRegression]);
    }
}

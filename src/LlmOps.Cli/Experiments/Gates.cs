using LlmOps.Sdk.Experiments;

namespace LlmOps.Cli.Experiments;

/// <summary>Applies the gates to a summary: lists each failed one on stderr and returns the exit code.</summary>
internal static class Gates
{
    public static async Task<int> ApplyAsync(CliHost host, ExperimentSummary summary, IReadOnlyList<string> failOn, IReadOnlyList<string> failOnRegression)
    {
        if (failOn.Count > 0)
        {
            throw new CliInputException("--fail-on conditions are not available in this build.");
        }

        var failed = 0;
        foreach (var comparison in summary.Comparisons)
        {
            foreach (var score in comparison.Scores)
            {
                if (score.Verdict == Verdict.Worse && failOnRegression.Contains(score.Score))
                {
                    failed++;
                    await host.Error.WriteLineAsync(
                        $"gate failed: {score.Score} of '{comparison.Candidate}' is worse than '{comparison.Baseline}' ({score.MeanDifference:+0.000;-0.000}, p = {score.PValue:0.0000})");
                }
            }
        }

        return failed == 0 ? CliExitCodes.Ok : CliExitCodes.Failed;
    }
}

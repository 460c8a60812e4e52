using LlmOps.Sdk.Experiments;

namespace LlmOps.Cli.Experiments;

/// <summary>Applies the gates to a summary: lists the failed conditions on stderr and returns the exit code.</summary>
internal static class Gates
{
    /// <summary>Parses every condition first, so a typo is bad input (exit 2) and never a silently passing gate.</summary>
    /// <exception cref="GateConditionException">A condition does not parse; the message names the column.</exception>
    public static IReadOnlyList<GateCondition> Parse(IEnumerable<string> conditions) => [.. conditions.Select(GateCondition.Parse)];

    public static async Task<int> ApplyAsync(
        CliHost host, ExperimentSummary summary, IReadOnlyList<GateCondition> failOn, IReadOnlyList<string> failOnRegression)
    {
        if (failOn.Count == 0 && failOnRegression.Count == 0)
        {
            return CliExitCodes.Ok;
        }

        var result = ExperimentGate.Evaluate(summary, failOn, failOnRegression);
        await host.Error.WriteLineAsync(result.ToString());
        return result.Passed ? CliExitCodes.Ok : CliExitCodes.Failed;
    }
}

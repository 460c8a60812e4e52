using System.CommandLine;

namespace LlmOps.Cli.Experiments;

/// <summary>Builds <c>llmops experiment compare</c>: pairs two results files item by item and says which is better.</summary>
internal static class ExperimentCompareCommand
{
    public static Command Create(CliHost host)
    {
        var baseline = new Argument<FileInfo>("baseline") { Description = "The results file to compare against (before)." };
        var candidate = new Argument<FileInfo>("candidate") { Description = "The results file to judge (after)." };
        var failOnRegression = new Option<string[]>("--fail-on-regression") { Description = "A score whose significant drop fails the comparison (exit 1). Repeatable." };
        var json = new Option<bool>("--json") { Description = "Write the comparison as JSON on stdout." };

        var command = new Command("compare",
            """
            Compare two results files item by item: for each score, the mean difference with its confidence interval,
            the p-value, a verdict (better, worse, no difference) and the items that got worse.

            Example:
              llmops experiment compare main/results.jsonl branch/results.jsonl --fail-on-regression token_f1
            """)
        {
            baseline, candidate, failOnRegression, json,
        };

        CommandActions.Set(command, host, (parseResult, cancellationToken) => ExperimentCompareAction.ExecuteAsync(
            host,
            parseResult.GetRequiredValue(baseline).FullName,
            parseResult.GetRequiredValue(candidate).FullName,
            parseResult.GetValue(failOnRegression) ?? [],
            parseResult.GetValue(json),
            cancellationToken));
        return command;
    }
}

using System.Globalization;
using System.CommandLine;

namespace LlmOps.Cli.Experiments;

/// <summary>Builds <c>llmops experiment run</c>: runs every candidate of a definition over its dataset and applies the gates.</summary>
internal static class ExperimentRunCommand
{
    public static Command Create(CliHost host)
    {
        var definition = new Argument<FileInfo>("definition") { Description = "The experiment's YAML file." };
        var resume = new Option<bool>("--resume") { Description = "Keep the cases already in the results file and run only the missing ones." };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "The folder for results.jsonl (default: results/<experiment name> beside the definition)." };
        var concurrency = new Option<int?>("--concurrency", "-c") { Description = "How many cases run at once (default: the definition's, else 4)." };
        var failOn = new Option<string[]>("--fail-on") { Description = "A condition that fails the run (exit 1), such as \"token_f1.mean < 0.70\". Repeatable; added to the definition's.", AllowMultipleArgumentsPerToken = false };
        var failOnRegression = new Option<string[]>("--fail-on-regression") { Description = "A score whose significant drop against the baseline fails the run (exit 1). Repeatable." };
        var json = new Option<bool>("--json") { Description = "Write the summary as JSON on stdout." };
        concurrency.Validators.Add(static result =>
        {
            // Only a number out of range: a token that is no number at all already has System.CommandLine's own error.
            if (result.Tokens is [{ } token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && value is < 1 or > 256)
            {
                result.AddError("--concurrency must be from 1 to 256.");
            }
        });

        var command = new Command("run",
            """
            Run every candidate of an experiment over its dataset, score the answers, and apply the gates.

            Writes results.jsonl as cases finish (so --resume continues an interrupted run), then prints a summary
            per candidate and the verdict of each against the baseline. Progress goes to stderr, results to stdout.
            Exit codes: 0 ok, 1 a gate failed (the failed conditions are listed), 2 bad input.

            Example:
              llmops experiment run experiment.yaml --fail-on "token_f1.mean < 0.70" --fail-on-regression token_f1
            """)
        {
            definition, resume, output, concurrency, failOn, failOnRegression, json,
        };

        CommandActions.Set(command, host, (parseResult, cancellationToken) => ExperimentRunAction.ExecuteAsync(
            host,
            new ExperimentRunRequest(
                parseResult.GetRequiredValue(definition).FullName,
                parseResult.GetValue(resume),
                parseResult.GetValue(output)?.FullName,
                parseResult.GetValue(concurrency),
                parseResult.GetValue(failOn) ?? [],
                parseResult.GetValue(failOnRegression) ?? [],
                parseResult.GetValue(json)),
            cancellationToken));
        return command;
    }
}

using System.CommandLine;

namespace LlmOps.Cli.Experiments;

/// <summary>Builds <c>llmops experiment</c>: run an experiment, report on its results, compare two runs.</summary>
internal static class ExperimentCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("experiment",
            """
            Run experiments, write their reports and compare two runs.

            Example:
              llmops experiment run experiment.yaml --out results --fail-on-regression token_f1
            """);
        command.Add(ExperimentRunCommand.Create(host));
        command.Add(ExperimentReportCommand.Create(host));
        command.Add(ExperimentCompareCommand.Create(host));
        return command;
    }
}

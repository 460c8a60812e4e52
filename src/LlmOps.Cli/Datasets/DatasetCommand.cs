using System.CommandLine;

namespace LlmOps.Cli.Datasets;

/// <summary>Builds <c>llmops dataset</c>: work on dataset files (JSON Lines and CSV).</summary>
internal static class DatasetCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("dataset",
            """
            Work on dataset files: JSON Lines (.jsonl) and CSV (.csv, .tsv).

            Example:
              llmops dataset anonymize traffic.jsonl traffic.anon.jsonl --fields input,output --consistent
            """);
        command.Add(DatasetAnonymizeCommand.Create(host));
        return command;
    }
}

using System.CommandLine;

namespace LlmOps.Cli.Datasets;

/// <summary>Builds <c>llmops dataset</c>: work on dataset files (JSON Lines and CSV).</summary>
internal static class DatasetCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("dataset",
            """
            Work on dataset files: JSON Lines (.jsonl) and CSV (.csv, .tsv), and export the cases captured into a
            prompt store's database.

            Examples:
              llmops dataset anonymize traffic.jsonl traffic.anon.jsonl --fields input,output --consistent
              llmops dataset export --store prompts.db --dataset support support.jsonl
            """);
        command.Add(DatasetAnonymizeCommand.Create(host));
        command.Add(DatasetExportCommand.Create(host));
        return command;
    }
}

using System.CommandLine;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Cli.Prompts;

/// <summary>Builds <c>llmops prompts export</c>: writes every prompt of the store as a prompts directory that a push reads back.</summary>
internal static class PromptsExportCommand
{
    public static Command Create(CliHost host)
    {
        var directory = new Argument<DirectoryInfo>("directory") { Description = "The folder to write: one folder per prompt, v1.yaml, v2.yaml, …, labels.yaml." };
        var store = PromptsCommand.StoreOption();
        var force = new Option<bool>("--force", "-f") { Description = "Write into a folder that is not empty, replacing files of the same name." };
        var command = new Command("export",
            """
            Write every prompt of the store as a prompts directory: one folder per prompt, one YAML file per version and
            a labels.yaml with its labels, weighted splits included. Pushing the folder into an empty store gives the same
            versions, content hashes and labels; exporting the same store twice writes the same bytes. A version the YAML
            format cannot hold (tools, seed, …) is an error naming it, and nothing is written.

            Example:
              llmops prompts export prompts --store prompts.db
            """)
        {
            directory, store, force,
        };

        CommandActions.Set(command, host, async (parseResult, cancellationToken) =>
        {
            var target = parseResult.GetRequiredValue(directory).FullName;
            if (!parseResult.GetValue(force) && Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            {
                throw new CliInputException($"The folder '{target}' is not empty. Export into an empty or new folder, or pass --force to replace files in it.");
            }

            await using var connection = PromptStoreConnection.Open(parseResult.GetValue(store), host, createIfMissing: false);
            IReadOnlyList<(string Path, string Text)> files;
            try
            {
                files = await PromptExport.PlanAsync(connection.Admin, connection.Store, cancellationToken);
            }
            catch (NotSupportedException error)
            {
                await host.Error.WriteLineAsync($"error: {error.Message.ReplaceLineEndings(" ")}");
                return CliExitCodes.Failed;
            }

            await PromptExport.WriteAsync(target, files, cancellationToken);
            foreach (var (path, _) in files)
            {
                await host.Output.WriteLineAsync(path);
            }

            await host.Error.WriteLineAsync($"{files.Count} files written to {target} from {connection.Description}.");
            return CliExitCodes.Ok;
        });
        return command;
    }
}

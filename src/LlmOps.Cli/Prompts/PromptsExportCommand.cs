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
        var force = new Option<bool>("--force", "-f")
        {
            Description = "Write into a folder that is not empty: replace files of the same name, and delete the version and labels files of each exported prompt that the store does not have.",
        };
        var command = new Command("export",
            """
            Write every prompt of the store as a prompts directory: one folder per prompt, one YAML file per version and
            a labels.yaml with its labels, weighted splits included. Pushing the folder into an empty store gives the same
            versions, content hashes and labels; exporting the same store twice writes the same bytes. Every model setting
            is written, tools included; a version the YAML format cannot hold (a message with role 'tool', a tool that is
            not a function declaration) is an error naming it, and nothing is written. With --force, the folder of each
            exported prompt is left holding exactly the store's versions: other version files there are deleted.

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

            await using var connection = await PromptStoreConnection.OpenAsync(parseResult.GetValue(store), host, PromptStoreAccess.Read, cancellationToken);
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

            // Stale version files would be pushed back as versions the store never had, so a forced export removes them.
            var stale = PromptExport.FindStale(target, files);
            await PromptExport.WriteAsync(target, files, cancellationToken);
            PromptExport.Remove(target, stale);
            foreach (var (path, _) in files)
            {
                await host.Output.WriteLineAsync(path);
            }

            foreach (var path in stale)
            {
                await host.Error.WriteLineAsync($"removed {path}: the store has no such version or labels file.");
            }

            await host.Error.WriteLineAsync($"{files.Count} files written to {target} from {connection.Description}"
                + (stale.Count > 0 ? $"; {stale.Count} stale files removed." : "."));
            return CliExitCodes.Ok;
        });
        return command;
    }
}

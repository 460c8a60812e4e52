using System.CommandLine;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Cli.Prompts;

/// <summary>Builds <c>llmops prompts push</c>: publishes a prompts directory, only what changed.</summary>
internal static class PromptsPushCommand
{
    public static Command Create(CliHost host)
    {
        var directory = new Argument<DirectoryInfo>("directory") { Description = "The prompts directory: one folder per prompt, v1.yaml, v2.prompty, …, labels.yaml." };
        var store = PromptsCommand.StoreOption();
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Print the plan and write nothing." };
        var reason = PromptsCommand.ReasonOption(required: false);
        var command = new Command("push",
            """
            Publish a prompts directory: every file is validated first, then only the versions the store lacks are
            published and the labels of labels.yaml are moved. A version number published with other content is an
            error: published versions are immutable.

            Example:
              llmops prompts push prompts --store prompts.db --reason "v3: shorter answers"
            """)
        {
            directory, store, dryRun, reason,
        };

        CommandActions.Set(command, host, async (parseResult, cancellationToken) =>
        {
            // A dry run opens the store read-only: it plans as a reader login, and migrates nothing.
            var access = parseResult.GetValue(dryRun) ? PromptStoreAccess.Plan : PromptStoreAccess.Publish;
            await using var connection = await PromptStoreConnection.OpenAsync(parseResult.GetValue(store), host, access, cancellationToken);
            var steps = await PromptPush.PlanAsync(parseResult.GetRequiredValue(directory).FullName, connection.Store, cancellationToken);
            foreach (var step in steps)
            {
                await host.Output.WriteLineAsync(step.ToString());
            }

            if (steps.Count == 0)
            {
                await host.Error.WriteLineAsync($"{connection.Description} is up to date.");
            }
            else if (parseResult.GetValue(dryRun))
            {
                await host.Error.WriteLineAsync($"Dry run: {steps.Count} changes planned for {connection.Description}; nothing written.");
            }
            else
            {
                await PromptPush.ApplyAsync(steps, connection.Admin, PromptsCommand.Change(host, parseResult.GetValue(reason)), cancellationToken);
                await host.Error.WriteLineAsync($"{steps.Count} changes written to {connection.Description}.");
            }

            return CliExitCodes.Ok;
        });
        return command;
    }
}

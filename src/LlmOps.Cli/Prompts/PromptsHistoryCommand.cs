using System.CommandLine;
using System.Globalization;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Cli.Prompts;

/// <summary>Builds <c>llmops prompts history</c>: every publish and label move of a prompt, oldest first.</summary>
internal static class PromptsHistoryCommand
{
    public static Command Create(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "The prompt." };
        var store = PromptsCommand.StoreOption();
        var command = new Command("history",
            """
            List every publish and label move of a prompt, oldest first, with when, who and why.

            Example:
              llmops prompts history support-reply --store prompts.db
            """)
        {
            name, store,
        };

        CommandActions.Set(command, host, async (parseResult, cancellationToken) =>
        {
            await using var connection = await PromptStoreConnection.OpenAsync(parseResult.GetValue(store), host, PromptStoreAccess.Read, cancellationToken);
            var count = 0;
            await foreach (var entry in connection.Admin.GetHistoryAsync(parseResult.GetRequiredValue(name), cancellationToken))
            {
                count++;
                var what = entry.Kind == PromptHistoryKind.Publish
                    ? $"publish v{entry.Version}"
                    : $"{entry.Kind.ToString().ToLowerInvariant(),-7} {entry.Label}: {PromptPushStep.Targets(entry.Before)} -> {PromptPushStep.Targets(entry.After)}";
                await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{entry.Sequence,5}  {entry.At:yyyy-MM-dd HH:mm:ss}Z  {what}  by {entry.Actor}: {entry.Reason}"));
            }

            if (count == 0)
            {
                throw new CliInputException($"{connection.Description} has no history for prompt '{parseResult.GetRequiredValue(name)}'. Check the name with 'llmops prompts list'.");
            }

            return CliExitCodes.Ok;
        });
        return command;
    }
}

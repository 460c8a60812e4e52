using System.CommandLine;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Cli.Prompts;

/// <summary>Builds <c>llmops prompts rollback</c>: moves a label back to where it pointed before its last move.</summary>
internal static class PromptsRollbackCommand
{
    public static Command Create(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "The prompt." };
        var label = new Argument<string>("label") { Description = "The label, such as production." };
        var reason = PromptsCommand.ReasonOption(required: false);
        var store = PromptsCommand.StoreOption();
        var command = new Command("rollback",
            """
            Move a label back to where it pointed before its last move.

            Example:
              llmops prompts rollback support-reply production --reason "v3 raised complaints"
            """)
        {
            name, label, reason, store,
        };

        CommandActions.Set(command, host, async (parseResult, cancellationToken) =>
        {
            await using var connection = await PromptStoreConnection.OpenAsync(parseResult.GetValue(store), host, PromptStoreAccess.Change, cancellationToken);
            var move = await connection.Admin.RollbackLabelAsync(parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(label),
                PromptsCommand.Change(host, parseResult.GetValue(reason)), cancellationToken);
            await host.Output.WriteLineAsync($"{move.Name} {move.Label}: {PromptPushStep.Targets(move.Before)} -> {PromptPushStep.Targets(move.After)}");
            return CliExitCodes.Ok;
        });
        return command;
    }
}

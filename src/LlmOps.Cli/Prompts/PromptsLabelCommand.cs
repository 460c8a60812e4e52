using System.CommandLine;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Cli.Prompts;

/// <summary>Builds <c>llmops prompts label</c>: points a label at a version, or splits it between versions.</summary>
internal static class PromptsLabelCommand
{
    public static Command Create(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "The prompt." };
        var label = new Argument<string>("label") { Description = "The label, such as production." };
        var targets = new Argument<string>("versions") { Description = "A version (3), or versions with weights (2:0.9,3:0.1)." };
        var expect = new Option<string?>("--expect") { Description = "Where the label must point now; the move fails if someone moved it meanwhile." };
        var reason = PromptsCommand.ReasonOption(required: true);
        var store = PromptsCommand.StoreOption();
        var command = new Command("label",
            """
            Point a label at a version, or split its traffic between versions by weight.

            Example:
              llmops prompts label support-reply production 2:0.9,3:0.1 --expect 2 --reason "canary v3"
            """)
        {
            name, label, targets, expect, reason, store,
        };

        CommandActions.Set(command, host, async (parseResult, cancellationToken) =>
        {
            var after = PromptsCommand.ParseTargets(parseResult.GetRequiredValue(targets));
            var expected = parseResult.GetValue(expect) is { } text ? PromptsCommand.ParseTargets(text) : null;
            await using var connection = await PromptStoreConnection.OpenAsync(parseResult.GetValue(store), host, PromptStoreAccess.Change, cancellationToken);
            var move = await connection.Admin.SetLabelAsync(parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(label), after, expected,
                PromptsCommand.Change(host, parseResult.GetValue(reason)), cancellationToken);
            await host.Output.WriteLineAsync($"{move.Name} {move.Label}: {PromptPushStep.Targets(move.Before)} -> {PromptPushStep.Targets(move.After)}");
            return CliExitCodes.Ok;
        });
        return command;
    }
}

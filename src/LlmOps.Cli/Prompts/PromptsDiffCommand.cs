using System.CommandLine;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Cli.Prompts;

/// <summary>Builds <c>llmops prompts diff</c>: what changed between two versions of a prompt.</summary>
internal static class PromptsDiffCommand
{
    public static Command Create(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "The prompt." };
        var before = new Argument<int>("v1") { Description = "The older version." };
        var after = new Argument<int>("v2") { Description = "The newer version." };
        var store = PromptsCommand.StoreOption();
        var command = new Command("diff",
            """
            Show what changed between two versions of a prompt: model settings, variables and each message, line by line.

            Example:
              llmops prompts diff support-reply 2 3 --store prompts.db
            """)
        {
            name, before, after, store,
        };

        CommandActions.Set(command, host, async (parseResult, cancellationToken) =>
        {
            await using var connection = await PromptStoreConnection.OpenAsync(parseResult.GetValue(store), host, PromptStoreAccess.Read, cancellationToken);
            var prompt = parseResult.GetRequiredValue(name);
            var definition = await connection.Store.GetPromptAsync(prompt, cancellationToken)
                ?? throw new CliInputException($"{connection.Description} has no prompt '{prompt}'. Check the name with 'llmops prompts list'.");
            await host.Output.WriteAsync(PromptVersionDiff.Render(
                Version(definition, parseResult.GetRequiredValue(before)), Version(definition, parseResult.GetRequiredValue(after))));
            return CliExitCodes.Ok;
        });
        return command;
    }

    private static PromptVersion Version(PromptDefinition definition, int number) => definition.Versions.TryGetValue(number, out var version)
        ? version
        : throw new CliInputException($"Prompt '{definition.Name}' has no version {number}; it has {string.Join(", ", definition.Versions.Keys.Select(static v => $"v{v}"))}.");
}

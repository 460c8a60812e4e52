using System.CommandLine;
using LlmOps.Cli.Prompts;
using LlmOps.Sdk.Rollouts;

namespace LlmOps.Cli.Rollouts;

/// <summary>Builds <c>llmops rollout</c>: start, inspect, pause, resume and abort guarded rollouts in a shared store.</summary>
/// <remarks>
/// The tool writes the rollout's state to the registry; the services that serve the prompt (with <c>AddRollouts()</c>)
/// count the calls and drive the steps.
/// </remarks>
internal static class RolloutCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("rollout",
            """
            Start, inspect and stop guarded rollouts: a label moves from its version to a candidate in steps, and the
            services that serve it halt the rollout and move the label back when the candidate is significantly worse.

            The store is --store <file.db | Host=…;Database=… | postgres://…>, or the LLMOPS_STORE variable.

            Example:
              llmops rollout start support-reply production 3 --steps 10,25,50,100 --scores json_valid --store prompts.db
              llmops rollout status support-reply production --store prompts.db
              llmops rollout abort support-reply production --reason "complaints" --store prompts.db
            """);
        command.Add(RolloutStartCommand.Create(host));
        command.Add(RolloutStatusCommand.Create(host));
        command.Add(Change(host, "pause", "Keep the label's split and stop judging steps until resumed.",
            static (rollouts, name, label, _, cancellationToken) => rollouts.PauseAsync(name, label, cancellationToken)));
        command.Add(Change(host, "resume", "Resume a paused rollout; its step starts counting again.",
            static (rollouts, name, label, _, cancellationToken) => rollouts.ResumeAsync(name, label, cancellationToken)));
        command.Add(Change(host, "abort", "Stop a rollout and move the label back to the baseline.",
            static (rollouts, name, label, reason, cancellationToken) => rollouts.AbortAsync(name, label, reason ?? "aborted with llmops", cancellationToken)));
        return command;
    }

    /// <summary>Runs <paramref name="action"/> against the store, turning a rollout in the wrong state into exit code 2.</summary>
    /// <remarks><paramref name="access"/> is <see cref="PromptStoreAccess.Read"/> for a command that only reads, so that it never migrates the store.</remarks>
    public static async Task<int> WithRolloutsAsync(
        CliHost host, string? store, PromptStoreAccess access, Func<PromptRollouts, Task<int>> action, CancellationToken cancellationToken)
    {
        await using var connection = await PromptStoreConnection.OpenAsync(store, host, access, cancellationToken);
        using var rollouts = new PromptRollouts(connection.Admin, null, host.TimeProvider, PromptsCommand.Change(host, null).Actor);
        try
        {
            return await action(rollouts);
        }
        catch (InvalidOperationException error) when (error.InnerException is null)
        {
            // The rollout or the label is not in a state that allows the request; the message says what to do.
            throw new CliInputException(error.Message);
        }
    }

    private static Command Change(
        CliHost host, string verb, string description,
        Func<PromptRollouts, string, string, string?, CancellationToken, ValueTask<RolloutStatus>> change)
    {
        var name = new Argument<string>("name") { Description = "The prompt." };
        var label = new Argument<string>("label") { Description = "The label being rolled out." };
        var reason = PromptsCommand.ReasonOption(required: false);
        var store = PromptsCommand.StoreOption();
        var command = new Command(verb,
            $"""
            {description}

            Example:
              llmops rollout {verb} support-reply production --store prompts.db
            """)
        {
            name, label, reason, store,
        };

        CommandActions.Set(command, host, (parseResult, cancellationToken) =>
            WithRolloutsAsync(host, parseResult.GetValue(store), PromptStoreAccess.Change, async rollouts =>
            {
                var status = await change(rollouts, parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(label), parseResult.GetValue(reason), cancellationToken);
                await RolloutStatusCommand.WriteAsync(host.Output, status);
                return CliExitCodes.Ok;
            }, cancellationToken));
        return command;
    }
}

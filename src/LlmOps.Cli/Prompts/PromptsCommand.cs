using System.CommandLine;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Cli.Prompts;

/// <summary>Builds <c>llmops prompts</c>: publish, label, roll back, list, compare and export prompts in a shared store.</summary>
internal static class PromptsCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("prompts",
            """
            Publish, label, roll back, list, compare and export prompts in a shared SQLite or PostgreSQL store.

            The store is --store <file.db | Host=…;Database=… | postgres://…>, or the LLMOPS_STORE variable.

            Example:
              llmops prompts push prompts --store prompts.db --dry-run
              llmops prompts export prompts --store prompts.db
            """);
        command.Add(PromptsPushCommand.Create(host));
        command.Add(PromptsLabelCommand.Create(host));
        command.Add(PromptsRollbackCommand.Create(host));
        command.Add(PromptsHistoryCommand.Create(host));
        command.Add(PromptsDiffCommand.Create(host));
        command.Add(PromptsListCommand.Create(host));
        command.Add(PromptsExportCommand.Create(host));
        return command;
    }

    /// <summary>Creates the <c>--store</c> option every prompts command takes.</summary>
    public static Option<string?> StoreOption() => new("--store", "-s")
    {
        Description = $"The prompt store: a SQLite file, a PostgreSQL connection string or postgres:// URL (default: ${PromptStoreConnection.EnvironmentVariable}).",
    };

    /// <summary>Creates the <c>--reason</c> option that every change records.</summary>
    public static Option<string?> ReasonOption(bool required) => new("--reason", "-r")
    {
        Description = "Why: recorded in the history with the change.",
        Required = required,
    };

    /// <summary>Says who makes a change: the user the tool runs as.</summary>
    public static PromptChange Change(CliHost host, string? reason) =>
        new(host.GetEnvironmentVariable("USER") ?? host.GetEnvironmentVariable("USERNAME") ?? "llmops", reason ?? "llmops prompts");

    /// <summary>Reads a list of targets: <c>3</c>, <c>v3</c>, or weighted <c>2:0.9,3:0.1</c>.</summary>
    /// <exception cref="CliInputException">The text is not such a list.</exception>
    public static IReadOnlyList<PromptVersionWeight> ParseTargets(string text)
    {
        var targets = new List<PromptVersionWeight>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(':', 2);
            var weight = 1.0;
            if (!int.TryParse(pieces[0].TrimStart('v', 'V'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
                || (pieces.Length == 2 && !double.TryParse(pieces[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out weight)))
            {
                throw new CliInputException($"'{text}' is not a version list. Write a version (3), or versions with weights (2:0.9,3:0.1).");
            }

            targets.Add(new PromptVersionWeight(version, weight));
        }

        return targets.Count > 0 ? targets : throw new CliInputException("The version list is empty. Write a version (3), or versions with weights (2:0.9,3:0.1).");
    }
}

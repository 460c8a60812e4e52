using System.CommandLine;
using System.Text.Json;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Cli.Prompts;

/// <summary>Builds <c>llmops prompts list</c>: every prompt with its latest version and labels.</summary>
internal static class PromptsListCommand
{
    public static Command Create(CliHost host)
    {
        var store = PromptsCommand.StoreOption();
        var json = new Option<bool>("--json") { Description = "Write the list as JSON." };
        var command = new Command("list",
            """
            List every prompt in the store with its latest version and where its labels point.

            Example:
              llmops prompts list --store prompts.db --json
            """)
        {
            store, json,
        };

        CommandActions.Set(command, host, async (parseResult, cancellationToken) =>
        {
            await using var connection = await PromptStoreConnection.OpenAsync(parseResult.GetValue(store), host, PromptStoreAccess.Read, cancellationToken);
            var rows = new List<(string Name, int Latest, IReadOnlyDictionary<string, IReadOnlyList<PromptVersionWeight>> Labels)>();
            await foreach (var name in connection.Admin.ListPromptsAsync(cancellationToken))
            {
                if (await connection.Store.GetPromptAsync(name, cancellationToken) is { } prompt)
                {
                    rows.Add((name, prompt.LatestVersion, prompt.Labels));
                }
            }

            if (parseResult.GetValue(json))
            {
                using var buffer = new MemoryStream();
                await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartArray();
                    foreach (var (name, latest, labels) in rows)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", name);
                        writer.WriteNumber("latest_version", latest);
                        writer.WriteStartObject("labels");
                        foreach (var (label, targets) in labels.OrderBy(static l => l.Key, StringComparer.Ordinal))
                        {
                            writer.WriteString(label, PromptPushStep.Targets(targets));
                        }

                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                await host.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                return CliExitCodes.Ok;
            }

            foreach (var (name, latest, labels) in rows)
            {
                var labelText = string.Join(", ", labels.OrderBy(static l => l.Key, StringComparer.Ordinal)
                    .Select(static l => $"{l.Key} -> {PromptPushStep.Targets(l.Value)}"));
                await host.Output.WriteLineAsync($"{name}  v{latest}  {labelText}");
            }

            return CliExitCodes.Ok;
        });
        return command;
    }
}

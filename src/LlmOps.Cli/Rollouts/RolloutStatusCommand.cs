using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmOps.Cli.Prompts;
using LlmOps.Sdk.Rollouts;

namespace LlmOps.Cli.Rollouts;

/// <summary>Builds <c>llmops rollout status</c>: where a rollout stands, and the figures of its latest decision.</summary>
internal static class RolloutStatusCommand
{
    public static Command Create(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "The prompt." };
        var label = new Argument<string>("label") { Description = "The label being rolled out." };
        var json = new Option<bool>("--json") { Description = "Write the status as JSON." };
        var store = PromptsCommand.StoreOption();
        var command = new Command("status",
            """
            Show where a rollout stands and the figures that decided its latest change. Exits 1 when the rollout halted.

            Example:
              llmops rollout status support-reply production --json > status.json
            """)
        {
            name, label, json, store,
        };

        CommandActions.Set(command, host, (parseResult, cancellationToken) =>
            RolloutCommand.WithRolloutsAsync(host, parseResult.GetValue(store), PromptStoreAccess.Read, async rollouts =>
            {
                var status = await rollouts.GetStatusAsync(parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(label), cancellationToken)
                    ?? throw new CliInputException(
                        $"Label '{parseResult.GetRequiredValue(label)}' of prompt '{parseResult.GetRequiredValue(name)}' has no rollout, or was moved by hand since its last one. Start one with `llmops rollout start`.");
                if (parseResult.GetValue(json))
                {
                    await host.Output.WriteLineAsync(ToJson(status));
                }
                else
                {
                    await WriteAsync(host.Output, status);
                }

                return status.State == RolloutState.Halted ? CliExitCodes.Failed : CliExitCodes.Ok;
            }, cancellationToken));
        return command;
    }

    /// <summary>Writes a status as text: one line for the state, the note, then a table of figures.</summary>
    public static async Task WriteAsync(TextWriter output, RolloutStatus status)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{status.Name} {status.Label}: {status.State.ToString().ToLowerInvariant()}, step {status.Step} of {status.Plan.Steps.Count}, {Number(status.Percent)}% to v{status.CandidateVersion} (baseline v{status.BaselineVersion})").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"  {status.Note} ({status.ChangedAt:u})").AppendLine();
        if (status.Figures.Count > 0)
        {
            text.AppendLine("  figure                          baseline   candidate  n baseline/candidate  test              p-value    threshold  verdict");
            foreach (var figure in status.Figures)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"  {figure.Name,-31} {Number(figure.Baseline),-10} {Number(figure.Candidate),-10} {$"{figure.BaselineCount}/{figure.CandidateCount}",-20} {figure.Test,-17} {Number(figure.PValue),-10} {Number(figure.Threshold),-10} {(figure.Worse ? "WORSE" : "ok")}").AppendLine();
            }
        }

        await output.WriteAsync(text.ToString());
    }

    private static string ToJson(RolloutStatus status)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("name", status.Name);
            writer.WriteString("label", status.Label);
            writer.WriteString("state", status.State.ToString().ToLowerInvariant());
            writer.WriteNumber("baseline_version", status.BaselineVersion);
            writer.WriteNumber("candidate_version", status.CandidateVersion);
            writer.WriteNumber("step", status.Step);
            writer.WriteNumber("percent", status.Percent);
            writer.WriteStartArray("steps");
            foreach (var step in status.Plan.Steps)
            {
                writer.WriteNumberValue(step);
            }

            writer.WriteEndArray();
            writer.WriteString("changed_at", status.ChangedAt);
            writer.WriteString("note", status.Note);
            writer.WriteStartArray("figures");
            foreach (var figure in status.Figures)
            {
                writer.WriteStartObject();
                writer.WriteString("name", figure.Name);
                writer.WriteNumber("baseline", figure.Baseline);
                writer.WriteNumber("candidate", figure.Candidate);
                writer.WriteNumber("baseline_count", figure.BaselineCount);
                writer.WriteNumber("candidate_count", figure.CandidateCount);
                writer.WriteString("test", figure.Test);
                writer.WriteNumber("p_value", figure.PValue);
                writer.WriteNumber("threshold", figure.Threshold);
                writer.WriteBoolean("worse", figure.Worse);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using LlmOps.Cli.Prompts;
using LlmOps.Sdk.Capture;

namespace LlmOps.Cli.Datasets;

/// <summary>Builds <c>llmops dataset export</c>: write the cases captured into a registry's database as a JSON Lines dataset.</summary>
internal static class DatasetExportCommand
{
    private static readonly string[] Reasons = [CaptureReasons.ScoreFail, CaptureReasons.NegativeFeedback, CaptureReasons.Sampled];

    public static Command Create(CliHost host)
    {
        var output = new Argument<FileInfo>("output") { Description = "The JSON Lines file to write; replaced only when the whole export succeeded." };
        var store = Prompts.PromptsCommand.StoreOption();
        var dataset = new Option<string>("--dataset", "-d") { Description = "The dataset the cases were captured under (CaptureToRegistry's name).", Required = true };
        var prompt = new Option<string?>("--prompt", "-p") { Description = "Only the cases of this prompt." };
        var version = new Option<int?>("--version") { Description = "Only the cases of this prompt version." };
        version.Validators.Add(static result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--version must be 1 or more: prompt versions are numbered from 1.");
            }
        });
        var reason = new Option<string?>("--reason", "-r") { Description = "Only the cases captured for this reason." };
        reason.AcceptOnlyFromAmong(Reasons);
        var since = new Option<string?>("--since") { Description = "Only the cases captured at or after this time: ISO 8601, such as 2026-12-01 or 2026-12-01T08:00:00Z (UTC when no offset is given)." };

        var command = new Command("export",
            """
            Write the cases that CaptureToRegistry captured into a prompt store's database as a JSON Lines dataset, in
            capture order: the same lines CaptureToDataset(path) would have written for the same calls, ready for
            'llmops experiment run'. Prints how many cases were written.

            Exit codes: 0 ok (also when no case matched), 2 bad input (a bad option, an unreachable store).

            Examples:
              llmops dataset export --store prompts.db --dataset support support.jsonl
              llmops dataset export --store "Host=db;Database=app;Username=llmops_writer" --dataset support --reason negative_feedback --since 2026-12-01 disliked.jsonl
            """)
        {
            output, store, dataset, prompt, version, reason, since,
        };

        CommandActions.Set(command, host, async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetRequiredValue(dataset);
            if (CaptureDatasetName.Problem(name) is { } problem)
            {
                throw new CliInputException($"{problem} (--dataset)");
            }

            var query = new CapturedCaseQuery(name)
            {
                PromptName = parseResult.GetValue(prompt),
                PromptVersion = parseResult.GetValue(version),
                Reason = parseResult.GetValue(reason),
                Since = ParseSince(parseResult.GetValue(since)),
            };
            var target = parseResult.GetRequiredValue(output).FullName;
            await using var connection = await PromptStoreConnection.OpenAsync(parseResult.GetValue(store), host, PromptStoreAccess.Read, cancellationToken);
            var cases = connection.Store as ICapturedCaseStore
                ?? throw new CliInputException($"{connection.Description} keeps no captured cases. Pass a SQLite file or a PostgreSQL database with --store.");

            var written = await WriteAsync(cases, query, target, cancellationToken);
            await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{written} cases of dataset '{name}' written to {target} from {connection.Description}."));
            if (written == 0)
            {
                await host.Error.WriteLineAsync($"warning: no captured case matched. Check --dataset '{name}' and the filters; the name is the one given to CaptureToRegistry.");
            }

            return CliExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes the matching cases to a file beside <paramref name="target"/>, then moves it into place.</summary>
    private static async Task<long> WriteAsync(ICapturedCaseStore cases, CapturedCaseQuery query, string target, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(target) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        // A half-written file would load as a smaller dataset without a word: the old file stays until the export is whole.
        var partial = target + ".partial";
        long written = 0;
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 65536, useAsync: true))
            {
                await foreach (var captured in cases.ReadAsync(query, cancellationToken))
                {
                    await file.WriteAsync(Encoding.UTF8.GetBytes(captured.Item + "\n"), cancellationToken);
                    written++;
                }
            }

            File.Move(partial, target, overwrite: true);
            return written;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static DateTimeOffset? ParseSince(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            ? since
            : throw new CliInputException($"--since '{text}' is not a time. Give ISO 8601, such as 2026-12-01 or 2026-12-01T08:00:00Z.");
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Cli.Datasets;

/// <summary>Builds <c>llmops dataset anonymize</c>: replace personal data and secrets in a dataset file, one record at a time.</summary>
internal static class DatasetAnonymizeCommand
{
    public static Command Create(CliHost host)
    {
        var input = new Argument<FileInfo>("input") { Description = "The dataset to read: .jsonl/.ndjson or .csv/.tsv." };
        var output = new Argument<FileInfo>("output") { Description = "The file to write; written only when the whole input was anonymised." };
        var fields = new Option<string?>("--fields", "-f")
        {
            Description = "Comma-separated fields to anonymise: JSONL names or dotted paths (customer.email, messages.content), CSV column names. Default: every string, every column.",
        };
        var mode = new Option<string>("--mode", "-m")
        {
            Description = "pseudonymize: numbered placeholders such as <EMAIL_1>; redact: [REDACTED:email].",
            DefaultValueFactory = static _ => "pseudonymize",
        };
        mode.AcceptOnlyFromAmong("pseudonymize", "redact");
        var consistent = new Option<bool>("--consistent", "-c")
        {
            Description = "Give a value the same placeholder across the whole file, not only within one record.",
        };
        var allow = new Option<string?>("--allow")
        {
            Description = "Comma-separated values never replaced, such as your support address.",
        };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };

        var command = new Command("anonymize",
            """
            Replace e-mail addresses, phone numbers, card numbers, IBANs, IP addresses and secrets in a dataset, streaming
            one record at a time, and print how many values of each kind were replaced. Names and postal addresses need a
            named-entity model: plug one in through IPiiDetector in code.

            Exit codes: 0 ok, 2 bad input (a malformed line, an unknown field or column).

            Examples:
              llmops dataset anonymize traffic.jsonl traffic.anon.jsonl --fields input,output --consistent
              llmops dataset anonymize tickets.csv tickets.anon.csv --fields body --mode redact
            """)
        {
            input, output, fields, mode, consistent, allow, json,
        };

        CommandActions.Set(command, host, async (parseResult, cancellationToken) =>
        {
            var options = new DatasetAnonymizerOptions
            {
                Mode = parseResult.GetValue(mode) == "redact" ? PrivacyMode.Redact : PrivacyMode.Pseudonymize,
                Consistent = parseResult.GetValue(consistent),
            };
            foreach (var field in Split(parseResult.GetValue(fields)))
            {
                options.Fields.Add(field);
            }

            foreach (var value in Split(parseResult.GetValue(allow)))
            {
                options.AllowList.Add(value);
            }

            var inputPath = parseResult.GetRequiredValue(input).FullName;
            if (!File.Exists(inputPath))
            {
                throw new CliInputException($"Dataset '{inputPath}' does not exist. Check the path.");
            }

            var report = new DatasetAnonymizer(options).AnonymizeFile(inputPath, parseResult.GetRequiredValue(output).FullName, cancellationToken);
            await (parseResult.GetValue(json) ? WriteJsonAsync(host, report) : WriteTextAsync(host, report));
            return CliExitCodes.Ok;
        });
        return command;
    }

    private static string[] Split(string? list) =>
        list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    private static async Task WriteTextAsync(CliHost host, DatasetAnonymizationReport report)
    {
        await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{report.Records} records read, {report.RecordsChanged} changed, {report.FieldsChanged} fields rewritten, {report.TotalReplacements} values replaced."));
        foreach (var (kind, count) in report.Replacements)
        {
            await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {kind,-8} {count,8}"));
        }
    }

    private static async Task WriteJsonAsync(CliHost host, DatasetAnonymizationReport report)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("records", report.Records);
            writer.WriteNumber("records_changed", report.RecordsChanged);
            writer.WriteNumber("fields_changed", report.FieldsChanged);
            writer.WriteStartObject("replacements");
            foreach (var (kind, count) in report.Replacements)
            {
                writer.WriteNumber(kind, count);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await host.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}

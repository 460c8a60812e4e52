using System.Text.Json;

namespace LlmOps.Sdk.Tests.Cli;

public sealed class DatasetAnonymizeCommandTests
{
    [Fact]
    public async Task Anonymize_JsonlWithFields_WritesTheFileAndPrintsCountsByKind()
    {
        using var folder = new CliTempFolder();
        var input = folder.Write("traffic.jsonl", """
            {"input": "I am jane@example.com, call +1 (415) 555-0132", "output": "Thanks jane@example.com", "note": "ops@example.com"}
            {"input": "Refund to DE89 3704 0044 0532 0130 00", "output": "Done.", "note": ""}
            """);
        var output = folder.Combine("traffic.anon.jsonl");

        var run = await CliRun.InvokeAsync("dataset", "anonymize", input, output, "--fields", "input,output", "--consistent");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                """{"input":"I am <EMAIL_1>, call <PHONE_1>","output":"Thanks <EMAIL_1>","note":"ops@example.com"}""",
                """{"input":"Refund to <IBAN_1>","output":"Done.","note":""}""",
            ],
            File.ReadAllLines(output));
        Assert.Contains("2 records read, 2 changed, 3 fields rewritten, 4 values replaced.", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"EMAIL\s+2", run.Output);
        Assert.Matches(@"IBAN\s+1", run.Output);
        Assert.Matches(@"PHONE\s+1", run.Output);
    }

    [Fact]
    public async Task Anonymize_RedactCsvWithJson_WritesRedactedColumnAndMachineReadableReport()
    {
        using var folder = new CliTempFolder();
        var input = folder.Write("tickets.csv", "id,body\n1,Server 10.0.0.12 down\n");
        var output = folder.Combine("tickets.anon.csv");

        var run = await CliRun.InvokeAsync("dataset", "anonymize", input, output, "--mode", "redact", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("id,body\n1,Server [REDACTED:ip] down\n", File.ReadAllText(output).ReplaceLineEndings("\n"));
        using var report = JsonDocument.Parse(run.Output);
        Assert.Equal(1, report.RootElement.GetProperty("replacements").GetProperty("IP").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("records").GetInt32());
    }

    [Fact]
    public async Task Anonymize_UnknownField_ExitsWith2NamingFileLineAndField()
    {
        using var folder = new CliTempFolder();
        var input = folder.Write("traffic.jsonl", "{\"input\": \"a@b.io\"}\n");
        var output = folder.Combine("out.jsonl");

        var run = await CliRun.InvokeAsync("dataset", "anonymize", input, output, "--fields", "inptu");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("line 1 has no field 'inptu' (its fields: input)", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output), "A failed run must not leave an output file.");
    }

    [Fact]
    public async Task Anonymize_UnknownMode_ExitsWith2()
    {
        using var folder = new CliTempFolder();
        var input = folder.Write("traffic.jsonl", "{}\n");

        var run = await CliRun.InvokeAsync("dataset", "anonymize", input, folder.Combine("out.jsonl"), "--mode", "block");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("llmops dataset anonymize --help", run.Error, StringComparison.Ordinal);
    }
}

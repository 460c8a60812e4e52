using System.CommandLine;

namespace LlmOps.Cli.Experiments;

/// <summary>Builds <c>llmops experiment report</c>: summarizes a results file into Markdown, HTML and JSON.</summary>
internal static class ExperimentReportCommand
{
    public static Command Create(CliHost host)
    {
        var results = new Argument<FileInfo>("results") { Description = "The results file an experiment run wrote (results.jsonl)." };
        var html = new Option<FileInfo?>("--html") { Description = "Write a self-contained HTML report to this file." };
        var markdown = new Option<FileInfo?>("--md") { Description = "Write a Markdown report to this file." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the summary as JSON to this file ('-' for stdout)." };
        var baseline = new Option<string?>("--baseline", "-b") { Description = "The candidate the others are compared with (default: the first in the file)." };

        var command = new Command("report",
            """
            Summarize a results file: per candidate scores with confidence intervals, tokens, cost and latency, and
            each candidate against the baseline with its regressions. Prints the summary on stdout.

            Example:
              llmops experiment report results/support/results.jsonl --html report.html --md report.md --baseline v1-mini
            """)
        {
            results, html, markdown, json, baseline,
        };

        CommandActions.Set(command, host, (parseResult, cancellationToken) => ExperimentReportAction.ExecuteAsync(
            host,
            parseResult.GetRequiredValue(results).FullName,
            parseResult.GetValue(html)?.FullName,
            parseResult.GetValue(markdown)?.FullName,
            parseResult.GetValue(json)?.ToString(),
            parseResult.GetValue(baseline),
            cancellationToken));
        return command;
    }
}

using LlmOps.Sdk.Experiments;

namespace LlmOps.Cli.Experiments;

/// <summary>Writes the HTML report of a summary.</summary>
internal static class ReportFiles
{
    public static Task WriteHtmlAsync(CliHost host, ExperimentSummary summary, string path, CancellationToken cancellationToken) =>
        throw new CliInputException($"HTML reports are not available in this build; write Markdown with --md instead of {path}.");
}

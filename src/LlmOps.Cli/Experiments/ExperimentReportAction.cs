using LlmOps.Sdk.Experiments;

namespace LlmOps.Cli.Experiments;

/// <summary>Does <c>llmops experiment report</c>: summarizes a results file and writes the reports asked for.</summary>
internal static class ExperimentReportAction
{
    public static async Task<int> ExecuteAsync(
        CliHost host, string resultsPath, string? htmlPath, string? markdownPath, string? jsonPath, string? baseline, CancellationToken cancellationToken)
    {
        var summary = await ExperimentSummarizer.SummarizeAsync(resultsPath, new SummaryOptions { Baseline = baseline }, cancellationToken);
        if (markdownPath is not null)
        {
            await SummaryOutput.WriteFileAsync(host, markdownPath, "Markdown report", ExperimentReports.ToMarkdown(summary), cancellationToken);
        }

        if (htmlPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(htmlPath))!); // a full path has a folder
            await ExperimentReports.WriteHtmlAsync(summary, Path.GetFullPath(htmlPath), cancellationToken: cancellationToken);
            await host.Error.WriteLineAsync($"HTML report: {Path.GetFullPath(htmlPath)}");
        }

        var jsonToStdout = jsonPath == "-";
        if (jsonPath is not null && !jsonToStdout)
        {
            await SummaryOutput.WriteFileAsync(host, jsonPath, "JSON summary", await SummaryOutput.ToJsonAsync(summary, cancellationToken), cancellationToken);
        }

        await SummaryOutput.WriteAsync(host, summary, jsonToStdout, cancellationToken);
        return CliExitCodes.Ok;
    }
}

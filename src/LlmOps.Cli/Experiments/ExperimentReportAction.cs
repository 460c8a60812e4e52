namespace LlmOps.Cli.Experiments;

/// <summary>Does <c>llmops experiment report</c>: summarizes a results file and writes the reports asked for.</summary>
internal static class ExperimentReportAction
{
    public static Task<int> ExecuteAsync(
        CliHost host, string resultsPath, string? htmlPath, string? markdownPath, string? jsonPath, string? baseline, CancellationToken cancellationToken) =>
        throw new CliInputException($"Reports are not available in this build ({resultsPath}).");
}

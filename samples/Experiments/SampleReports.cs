using LlmOps.Sdk.Experiments;

namespace ExperimentsSample;

/// <summary>Writes the HTML report.</summary>
internal static class SampleReports
{
    public static Task WriteHtmlAsync(ExperimentSummary summary, string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, "<!doctype html><title>capitals</title><pre>" + System.Net.WebUtility.HtmlEncode(ExperimentReports.ToMarkdown(summary)) + "</pre>", cancellationToken);
}

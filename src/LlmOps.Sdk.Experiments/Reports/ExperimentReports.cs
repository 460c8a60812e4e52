using System.Text;
using System.Text.Json;

namespace LlmOps.Sdk.Experiments;

/// <summary>Writes a summary as JSON for machines, Markdown for a pull-request comment, or one self-contained HTML page.</summary>
/// <remarks>Every report is written offline from the summary (and, for the HTML page's item table, from the summary's results files).</remarks>
public static class ExperimentReports
{
    /// <summary>Writes the summary as indented snake_case JSON.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="destination">The stream to write to; left open.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the JSON is written.</returns>
    public static Task WriteJsonAsync(ExperimentSummary summary, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(destination);
        return JsonSerializer.SerializeAsync(destination, summary, ExperimentSummaryJsonContext.Default.ExperimentSummary, cancellationToken);
    }

    /// <summary>Reads a summary that <see cref="WriteJsonAsync"/> wrote.</summary>
    /// <param name="source">The stream to read from; left open.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidDataException">The stream does not hold a summary.</exception>
    public static async Task<ExperimentSummary> ReadJsonAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return await JsonSerializer.DeserializeAsync(source, ExperimentSummaryJsonContext.Default.ExperimentSummary, cancellationToken)
                ?? throw new InvalidDataException("The JSON is 'null', not an experiment summary.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Line {exception.LineNumber + 1}, column {exception.BytePositionInLine + 1}: not an experiment summary. {exception.Message}", exception);
        }
    }

    /// <summary>Renders the summary as GitHub-flavoured Markdown that fits a pull-request comment.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="topRegressions">How many regressions to list; the rest are counted.</param>
    /// <returns>The Markdown: the candidates' table, each comparison with its verdicts, the top regressions and unstable items.</returns>
    public static string ToMarkdown(ExperimentSummary summary, int topRegressions = 10)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfNegative(topRegressions);
        return MarkdownReport.Render(summary, topRegressions);
    }

    /// <summary>Writes the summary as GitHub-flavoured Markdown that fits a pull-request comment.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="destination">The writer to write to.</param>
    /// <param name="topRegressions">How many regressions to list; the rest are counted.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the Markdown is written.</returns>
    public static async Task WriteMarkdownAsync(ExperimentSummary summary, TextWriter destination, int topRegressions = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await destination.WriteAsync(new StringBuilder(ToMarkdown(summary, topRegressions)), cancellationToken);
    }

    /// <summary>Writes the self-contained HTML report: charts, comparisons and a per-item table with outputs side by side.</summary>
    /// <remarks>
    /// The page makes no request (no CDN, font or script fetched), opens from disk, follows the reader's light or dark
    /// theme, and reads without scripts; a short inline script adds filtering and sorting. The item table reads the
    /// summary's results files again, keeping only the rows it shows (<see cref="HtmlReportOptions.MaxItems"/>).
    /// </remarks>
    /// <param name="summary">The summary.</param>
    /// <param name="destination">The writer to write to.</param>
    /// <param name="options">The title, the number of items and the candidate shown next to the baseline; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the page is written.</returns>
    public static Task WriteHtmlAsync(ExperimentSummary summary, TextWriter destination, HtmlReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(destination);
        return HtmlReport.WriteAsync(summary, destination, options ?? new HtmlReportOptions(), cancellationToken);
    }

    /// <summary>Writes the self-contained HTML report to a file, replacing it.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="path">The file to write, such as <c>report.html</c>.</param>
    /// <param name="options">The title, the number of items and the candidate shown next to the baseline; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public static async Task WriteHtmlAsync(ExperimentSummary summary, string path, HtmlReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        await WriteHtmlAsync(summary, writer, options, cancellationToken);
    }
}

using System.Text;
using System.Text.Json;
using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Tests.Experiments.Reports;

public sealed class ExperimentReportsTests
{
    [Fact]
    public async Task ToMarkdown_TwoCandidates_ShowsCandidatesWithIntervalsAndComparisonVerdicts()
    {
        using var file = ResultsFile.TwoCandidates();
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());
        var f1 = summary.Candidates[0].Scores[0].Interval;

        var markdown = ExperimentReports.ToMarkdown(summary);

        Assert.Contains("| candidate | token_f1 | exact_match | pass rate | errors | latency p50 / p95 (ms) | tokens in / out | cost per item |", markdown, StringComparison.Ordinal);
        Assert.Contains($"| v1 (baseline) | 0.400 [{f1.Lower:0.000}, {f1.Upper:0.000}] | 0.750 ", markdown, StringComparison.Ordinal);
        Assert.Contains("### v2 vs v1 (8 paired items)", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| token_f1 \| 0\.400 \| 0\.445 \| \+0\.045 \[\+0\.0\d\d, \+0\.0\d\d\] \| 0\.008 \(Wilcoxon\) \| ✅ better \|", markdown);
        Assert.Contains("| exact_match | 0.750 | 0.750 | 0.000 ", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1.000 (McNemar) | ➖ no significant difference |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToMarkdown_MoreRegressionsThanTop_ListsTheTopAndCountsAll()
    {
        using var file = ResultsFile.TwoCandidates();
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        var markdown = ExperimentReports.ToMarkdown(summary, topRegressions: 1);

        Assert.Contains("### Top regressions (1 of 2)", markdown, StringComparison.Ordinal);
        Assert.Contains("| v2 | `q5` | exact_match | 1.000 | 0.000 |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("`q6`", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToMarkdown_PipeInCandidateName_EscapesTheCell()
    {
        using var file = new ResultsFile().Add("a|b", "q1", f1: 0.5);
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        var markdown = ExperimentReports.ToMarkdown(summary);

        Assert.Contains(@"| a\|b (baseline) |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToMarkdown_Repetitions_ShowsUnstableItems()
    {
        using var file = new ResultsFile()
            .Add("v1", "q1", exact: true, output: "Paris", repetition: 0)
            .Add("v1", "q1", exact: false, output: "Lyon", repetition: 1);
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        var markdown = ExperimentReports.ToMarkdown(summary);

        Assert.Contains("| v1 | 2 | 1 of 1 | 50.0% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| v1 | `q1` | 2 | 50.0% | 50.0% |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteJsonAsync_Summary_WritesSnakeCaseAndReadsBack()
    {
        using var file = ResultsFile.TwoCandidates();
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());
        using var stream = new MemoryStream();

        await ExperimentReports.WriteJsonAsync(summary, stream);

        using var document = JsonDocument.Parse(stream.ToArray());
        var score = document.RootElement.GetProperty("comparisons")[0].GetProperty("scores")[0];
        Assert.Equal("better", score.GetProperty("verdict").GetString());
        Assert.Equal(0.045, score.GetProperty("mean_difference").GetDouble(), 1e-9);
        stream.Position = 0;
        var read = await ExperimentReports.ReadJsonAsync(stream);
        Assert.Equal(summary.Regressions, read.Regressions);
        Assert.Equal(summary.Candidates[1].Scores[0].Interval, read.Candidates[1].Scores[0].Interval);
    }

    [Fact]
    public async Task WriteMarkdownAsync_Writer_WritesTheSameAsToMarkdown()
    {
        using var file = ResultsFile.TwoCandidates();
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());
        var text = new StringBuilder();
        await using var writer = new StringWriter(text);

        await ExperimentReports.WriteMarkdownAsync(summary, writer);

        Assert.Equal(ExperimentReports.ToMarkdown(summary), text.ToString());
    }

    [Fact]
    public async Task WriteHtmlAsync_Summary_WritesOnePageThatFetchesNothing()
    {
        using var file = ResultsFile.TwoCandidates();
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());
        await using var writer = new StringWriter();

        await ExperimentReports.WriteHtmlAsync(summary, writer);

        var html = writer.ToString();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""'](?!data:|#)", html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.Contains("prefers-color-scheme: dark", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteHtmlAsync_MoreItemsThanTheCap_ShowsRegressionsFirstAndSaysSo()
    {
        using var file = ResultsFile.TwoCandidates();
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());
        await using var writer = new StringWriter();

        await ExperimentReports.WriteHtmlAsync(summary, writer, new HtmlReportOptions { MaxItems = 3 });

        var html = writer.ToString();
        var rows = System.Text.RegularExpressions.Regex.Matches(html, "<tr data-item=\"([^\"]+)\"").Select(static m => m.Groups[1].Value);
        Assert.Equal(["q5", "q6", "q1"], rows);
        Assert.Contains("Showing 3 of 8 items (at most 3: every regression first", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteHtmlAsync_MarkupInOutputs_IsEscaped()
    {
        using var file = new ResultsFile().Add("v1", "q1", f1: 1, output: "<script>alert(1)</script>");
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());
        await using var writer = new StringWriter();

        await ExperimentReports.WriteHtmlAsync(summary, writer);

        var html = writer.ToString();
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }
}

using LlmOps.Sdk.Experiments;
using Microsoft.Playwright;

namespace LlmOps.Sdk.Tests.Experiments.Reports;

public sealed class HtmlReportTests(Chromium chromium) : IClassFixture<Chromium>
{
    [SkippableFact]
    public async Task WriteHtmlAsync_OpenedInChromium_LoadsWithNoRequestAndNoConsoleError()
    {
        var browser = chromium.Require();
        using var file = ResultsFile.TwoCandidates();
        var report = await WriteReportAsync(file);
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                errors.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        page.RequestFailed += (_, request) => errors.Add($"failed request: {request.Url} {request.Failure}");
        page.Request += (_, request) => requests.Add(request.Url);

        var response = await page.GotoAsync(new Uri(report).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.True(response is null || response.Ok, $"The page did not load: {response?.Status}.");
        Assert.True(errors.Count == 0, $"The page logged: {string.Join("; ", errors)}");
        Assert.Equal([new Uri(report).AbsoluteUri], requests);
        Assert.Equal("Experiment report", await page.TitleAsync());
    }

    [SkippableFact]
    public async Task WriteHtmlAsync_OpenedInChromium_DrawsOneBarPerCandidateForEachScore()
    {
        var browser = chromium.Require();
        using var file = ResultsFile.TwoCandidates();
        var page = await OpenAsync(browser, await WriteReportAsync(file));

        var charts = await page.Locator("svg.chart.bars").AllAsync();

        Assert.Equal(["token_f1", "exact_match"], await AttributesAsync(charts, "data-score"));
        foreach (var chart in charts)
        {
            var bars = await chart.Locator("rect.bar").AllAsync();
            Assert.Equal(["v1", "v2"], await AttributesAsync(bars, "data-candidate"));
            Assert.All(await Task.WhenAll(bars.Select(static b => b.BoundingBoxAsync())), static box => Assert.True(box is { Height: > 0, Width: > 0 }, "A bar is not drawn."));
            Assert.Equal(2, await chart.Locator("g.whisker").CountAsync());
        }

        Assert.Equal(2, await page.Locator("svg.scatter circle.point").CountAsync());
        Assert.Equal(2, await page.Locator("svg.latency").CountAsync());
    }

    [SkippableFact]
    public async Task WriteHtmlAsync_FilterToRegressions_ShowsOnlyTheRegressedItems()
    {
        var browser = chromium.Require();
        using var file = ResultsFile.TwoCandidates();
        var page = await OpenAsync(browser, await WriteReportAsync(file));
        Assert.Equal(8, await page.Locator("#items tbody tr:visible").CountAsync());

        await page.GetByLabel("Only regressions").CheckAsync();

        var visible = await page.Locator("#items tbody tr:visible").AllAsync();
        Assert.Equal(["q5", "q6"], await AttributesAsync(visible, "data-item"));
        Assert.Equal("2 of 8 rows", await page.Locator("#item-count").TextContentAsync());
    }

    [SkippableFact]
    public async Task WriteHtmlAsync_SideBySideOutputs_HighlightTheChangedWords()
    {
        var browser = chromium.Require();
        using var file = ResultsFile.TwoCandidates();
        var page = await OpenAsync(browser, await WriteReportAsync(file));

        var row = page.Locator("#items tbody tr[data-item=q5]");

        Assert.Equal(["probably "], await row.Locator("ins").AllTextContentsAsync());
        Assert.Equal(0, await row.Locator("del").CountAsync());
        Assert.Equal("the answer is probably 5", await row.Locator("td.output").Last.TextContentAsync());
    }

    [SkippableTheory]
    [InlineData(ColorScheme.Light, false)]
    [InlineData(ColorScheme.Dark, true)]
    public async Task WriteHtmlAsync_ColorScheme_FollowsTheReadersPreference(ColorScheme scheme, bool dark)
    {
        var browser = chromium.Require();
        using var file = ResultsFile.TwoCandidates();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ColorScheme = scheme });
        await page.GotoAsync(new Uri(await WriteReportAsync(file)).AbsoluteUri);

        var background = await page.EvaluateAsync<double[]>("() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)");
        var text = await page.EvaluateAsync<double[]>("() => getComputedStyle(document.body).color.match(/\\d+/g).slice(0, 3).map(Number)");

        Assert.Equal(dark, background.Average() < 128);
        Assert.True(Math.Abs(background.Average() - text.Average()) > 150, $"Text {string.Join(",", text)} on {string.Join(",", background)} is hard to read.");
    }

    private static async Task<string[]> AttributesAsync(IEnumerable<ILocator> elements, string name) =>
        [.. (await Task.WhenAll(elements.Select(e => e.GetAttributeAsync(name)))).Select(static value => value ?? "(none)")];

    private static async Task<IPage> OpenAsync(IBrowser browser, string report)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(report).AbsoluteUri);
        return page;
    }

    private static async Task<string> WriteReportAsync(ResultsFile file)
    {
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());
        var report = Path.Combine(file.Folder, "report.html");
        await ExperimentReports.WriteHtmlAsync(summary, report);
        return report;
    }
}

using Microsoft.Playwright;

namespace LlmOps.Sdk.Tests.Experiments.Reports;

/// <summary>
/// One headless Chromium from the machine's packages (Debian's /usr/bin/chromium), driven by Playwright, shared by a test
/// class. Playwright never downloads a browser here: it is given the installed one.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable("LLMOPS_CHROMIUM") is { Length: > 0 } configured ? configured : Candidates.FirstOrDefault(File.Exists);

    /// <summary>Skips the test when no Chromium is installed, and fails it instead under CI=true, so CI cannot pass by skipping.</summary>
    public IBrowser Require()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (Browser is null)
        {
            Assert.False(inCi, "Chromium is not installed under CI=true. Install it with 'apt-get install -y chromium' (.ci/run does).");
            Skip.If(true, "Chromium is not installed: run 'apt-get install -y chromium' to test the HTML report in a real browser.");
        }

        return Browser!; // Skip.If threw otherwise
    }

    public async Task InitializeAsync()
    {
        if (ExecutablePath is not { } path)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

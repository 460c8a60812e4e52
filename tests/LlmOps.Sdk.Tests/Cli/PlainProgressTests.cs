using LlmOps.Cli.Progress;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Cli;

public sealed class PlainProgressTests
{
    [Fact]
    public void Report_ManyWithinOneInterval_WritesOneLineThenTheLastOnFinish()
    {
        var time = new FakeTimeProvider();
        using var error = new StringWriter();
        var progress = new PlainProgress(error, time, TimeSpan.FromSeconds(5));

        progress.Report(new RunProgressSnapshot(1, 40, 0, 100, 0.001m, TimeSpan.FromSeconds(1)));
        progress.Report(new RunProgressSnapshot(2, 40, 1, 200, 0.002m, TimeSpan.FromSeconds(2)));
        time.Advance(TimeSpan.FromSeconds(5));
        progress.Report(new RunProgressSnapshot(20, 40, 1, 2000, 0.02m, TimeSpan.FromSeconds(10)));
        progress.Report(new RunProgressSnapshot(40, 40, 1, 4000, 0.04m, TimeSpan.FromSeconds(20)));
        progress.Finish();

        Assert.Equal(
            [
                "cases 1/40 (2%), errors 0, tokens 100, cost $0.0010, elapsed 00:00:01, eta 00:00:39",
                "cases 20/40 (50%), errors 1, tokens 2,000, cost $0.0200, elapsed 00:00:10, eta 00:00:10",
                "cases 40/40 (100%), errors 1, tokens 4,000, cost $0.0400, elapsed 00:00:20, eta 00:00:00",
            ],
            error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}

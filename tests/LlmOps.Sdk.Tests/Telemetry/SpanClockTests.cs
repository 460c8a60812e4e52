using System.Diagnostics;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

public sealed class SpanClockTests
{
    [Fact]
    public void UtcAt_TimestampReadNow_IsTheWallClockNow()
    {
        var before = TimeProvider.System.GetUtcNow();

        var at = SpanClock.UtcAt(Stopwatch.GetTimestamp());

        var after = TimeProvider.System.GetUtcNow();
        Assert.InRange(at, before.AddMilliseconds(-1), after.AddMilliseconds(1));
    }

    [Fact]
    public void UtcAt_LaterTimestamp_IsLaterByTheSameTime()
    {
        var now = Stopwatch.GetTimestamp();
        var halfSecond = Stopwatch.Frequency / 2;

        var first = SpanClock.UtcAt(now);
        var second = SpanClock.UtcAt(now + halfSecond);

        // Exact when both come from one wall-clock reading; a re-reading in between may add microseconds, not more.
        Assert.InRange(second - first, TimeSpan.FromMilliseconds(499), TimeSpan.FromMilliseconds(501));
    }
}

namespace LlmOps.Sdk.Tests.Experiments.Statistics;

/// <summary>Compares computed statistics with pinned reference values.</summary>
internal static class StatisticsAssert
{
    /// <summary>Asserts |actual - expected| ≤ relative · |expected| (exact equality when expected is 0).</summary>
    public static void RelativelyClose(double expected, double actual, double relative = 1e-9)
    {
        var tolerance = relative * Math.Abs(expected);
        Assert.True(
            Math.Abs(actual - expected) <= tolerance,
            $"Expected {expected:R} within relative {relative}, got {actual:R} (difference {actual - expected:R}).");
    }
}

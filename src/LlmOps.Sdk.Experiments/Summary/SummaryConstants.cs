namespace LlmOps.Sdk.Experiments;

internal static class SummaryConstants
{
    public const double DefaultConfidenceLevel = 0.95;
    public const int DefaultResamples = 10_000;
    public const int DefaultSeed = 42;
    public const double DefaultAlpha = 0.05;
    public const double DefaultMinimumEffect = 0.05;
    public const double DefaultPower = 0.8;

    /// <summary>The number of bars in each latency histogram.</summary>
    public const int LatencyBins = 24;
}

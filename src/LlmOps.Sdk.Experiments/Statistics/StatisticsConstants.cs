namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>The defaults of the experiment statistics, in one place.</summary>
internal static class StatisticsConstants
{
    /// <summary>The significance level of the paired tests: 0.05.</summary>
    public const double DefaultAlpha = 0.05;

    /// <summary>The number of bootstrap resamples: 10,000.</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>The level of the bootstrap intervals: 0.95.</summary>
    public const double DefaultConfidenceLevel = 0.95;

    /// <summary>The power below which a comparison warns that the sample is too small: 0.8.</summary>
    public const double DefaultTargetPower = 0.8;
}

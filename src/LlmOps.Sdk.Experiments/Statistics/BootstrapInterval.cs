namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>A point estimate with its percentile bootstrap confidence interval.</summary>
/// <param name="Estimate">The statistic on the data itself: the mean, or the mean difference.</param>
/// <param name="Lower">The interval's lower bound.</param>
/// <param name="Upper">The interval's upper bound.</param>
/// <param name="ConfidenceLevel">The interval's level, such as 0.95.</param>
/// <param name="Resamples">How many resamples the interval was computed from.</param>
internal readonly record struct BootstrapInterval(double Estimate, double Lower, double Upper, double ConfidenceLevel, int Resamples)
{
    /// <summary>Gets a value indicating whether the interval lies entirely above or entirely below zero.</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;
}

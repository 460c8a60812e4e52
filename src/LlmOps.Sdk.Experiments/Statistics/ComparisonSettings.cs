namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>How <see cref="PairedComparison"/> compares a candidate with the baseline.</summary>
internal sealed record ComparisonSettings
{
    /// <summary>Gets the significance level of the tests, strictly between 0 and 1.</summary>
    /// <value>The default is 0.05.</value>
    public double Alpha { get; init; } = StatisticsConstants.DefaultAlpha;

    /// <summary>Gets the smallest difference worth detecting, in the score's units (a pass-rate difference for pass/fail scores).</summary>
    /// <value>The default is <see langword="null"/>: no power check.</value>
    public double? MinimumEffect { get; init; }

    /// <summary>Gets the power below which a comparison warns that the sample is too small.</summary>
    /// <value>The default is 0.8.</value>
    public double TargetPower { get; init; } = StatisticsConstants.DefaultTargetPower;

    /// <summary>Gets the number of bootstrap resamples.</summary>
    /// <value>The default is 10,000.</value>
    public int Resamples { get; init; } = StatisticsConstants.DefaultResamples;

    /// <summary>Gets the level of the bootstrap intervals.</summary>
    /// <value>The default is 0.95.</value>
    public double ConfidenceLevel { get; init; } = StatisticsConstants.DefaultConfidenceLevel;

    /// <summary>Gets the seed of the bootstrap draws.</summary>
    /// <value>The default is 0.</value>
    public ulong Seed { get; init; }

    /// <summary>Gets a value indicating whether a higher score is better; <see langword="false"/> for latency, cost or error counts.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool HigherIsBetter { get; init; } = true;
}

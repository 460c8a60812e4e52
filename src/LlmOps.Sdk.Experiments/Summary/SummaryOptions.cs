namespace LlmOps.Sdk.Experiments;

/// <summary>Settings for summarizing a results file: the baseline, the confidence level and the significance level.</summary>
public sealed class SummaryOptions
{
    /// <summary>Gets or sets the candidate that every other candidate is compared with.</summary>
    /// <value>The default, <see langword="null"/>, takes the first candidate in the results file.</value>
    public string? Baseline { get; set; }

    /// <summary>Gets or sets the level of the bootstrap confidence intervals.</summary>
    /// <value>Greater than 0 and less than 1. The default is 0.95.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not between 0 and 1.</exception>
    public double ConfidenceLevel
    {
        get;
        set => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), value, "The confidence level must be between 0 and 1, such as 0.95.");
    } = SummaryConstants.DefaultConfidenceLevel;

    /// <summary>Gets or sets how many bootstrap resamples each confidence interval draws.</summary>
    /// <value>From 100 to 1,000,000. The default is 10,000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range.</exception>
    public int Resamples
    {
        get;
        set => field = value is >= 100 and <= 1_000_000 ? value : throw new ArgumentOutOfRangeException(nameof(Resamples), value, "Resamples must be from 100 to 1,000,000; 10,000 is the usual choice.");
    } = SummaryConstants.DefaultResamples;

    /// <summary>Gets or sets the seed of the bootstrap's random numbers, so the same file always gives the same intervals.</summary>
    /// <value>The default is 42.</value>
    public int Seed { get; set; } = SummaryConstants.DefaultSeed;

    /// <summary>Gets or sets the significance level below which a p-value makes a difference significant.</summary>
    /// <value>Greater than 0 and less than 0.5. The default is 0.05.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range.</exception>
    public double Alpha
    {
        get;
        set => field = value is > 0 and < 0.5 ? value : throw new ArgumentOutOfRangeException(nameof(Alpha), value, "Alpha must be between 0 and 0.5, such as 0.05.");
    } = SummaryConstants.DefaultAlpha;

    /// <summary>Gets or sets the smallest difference in a score's mean worth detecting, on the score's own scale.</summary>
    /// <value>Greater than 0. The default is 0.05 (five points on a 0–1 score). A comparison with too few paired items to detect it gets a warning.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public double MinimumEffect
    {
        get;
        set => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(MinimumEffect), value, "The minimum effect must be a positive number on the score's scale, such as 0.05.");
    } = SummaryConstants.DefaultMinimumEffect;

    /// <summary>Gets or sets the power the sample-size warning asks for: the chance of detecting a true difference of <see cref="MinimumEffect"/>.</summary>
    /// <value>Greater than 0 and less than 1. The default is 0.8.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not between 0 and 1.</exception>
    public double Power
    {
        get;
        set => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Power), value, "The power must be between 0 and 1, such as 0.8.");
    } = SummaryConstants.DefaultPower;

    /// <summary>Gets the names of scores for which a lower value is better, such as a latency or a length.</summary>
    /// <value>Empty by default: a higher value is better.</value>
    public ISet<string> LowerIsBetter { get; } = new HashSet<string>(StringComparer.Ordinal);
}

namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>How likely a comparison was to detect the configured minimum effect, as <see cref="PowerAnalysis"/> estimates it.</summary>
/// <param name="MinimumEffect">The smallest difference worth detecting, as a positive number in the score's units.</param>
/// <param name="Power">The estimated probability of a significant result if the true difference were that large.</param>
/// <param name="RequiredPairs">The number of pairs that would reach <paramref name="TargetPower"/>, or <see langword="null"/> when it cannot be estimated.</param>
/// <param name="TargetPower">The power the sample was checked against, such as 0.8.</param>
internal readonly record struct PowerEstimate(double MinimumEffect, double Power, int? RequiredPairs, double TargetPower)
{
    /// <summary>Gets a value indicating whether the sample is too small to detect the minimum effect reliably.</summary>
    /// <remarks>Worth reporting with a verdict of no significant difference: the data could not have shown one.</remarks>
    public bool IsUnderpowered => Power < TargetPower;
}

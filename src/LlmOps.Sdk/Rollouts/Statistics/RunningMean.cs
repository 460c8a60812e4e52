namespace LlmOps.Sdk.Rollouts;

/// <summary>A count, a sum and a sum of squares: enough for a mean and a sample variance.</summary>
/// <param name="Count">How many values.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="SumOfSquares">The sum of their squares.</param>
internal readonly record struct RunningMean(long Count, double Sum, double SumOfSquares)
{
    /// <summary>Gets the mean, or 0 when there are no values.</summary>
    public double Mean => Count == 0 ? 0 : Sum / Count;

    /// <summary>Gets the sample variance (n − 1), or 0 with fewer than two values.</summary>
    public double Variance => Count < 2 ? 0 : Math.Max(0, (SumOfSquares - (Sum * Sum / Count)) / (Count - 1));
}

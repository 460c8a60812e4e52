namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>Computes item-by-item differences between a candidate's values and a baseline's.</summary>
internal static class PairedDifferences
{
    /// <summary>Subtracts <paramref name="baseline"/> from <paramref name="candidate"/> element by element, as NumPy's <c>x - y</c>.</summary>
    /// <param name="candidate">The candidate's values, one per item.</param>
    /// <param name="baseline">The baseline's values for the same items, in the same order.</param>
    /// <returns>The differences.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static double[] Compute(ReadOnlySpan<double> candidate, ReadOnlySpan<double> baseline)
    {
        if (candidate.Length != baseline.Length)
        {
            throw new ArgumentException(
                $"Paired statistics need one baseline value per candidate value; got {candidate.Length} candidate and {baseline.Length} baseline values. Keep only the items both ran.",
                nameof(baseline));
        }

        if (candidate.IsEmpty)
        {
            throw new ArgumentException("Paired statistics need at least one item that both candidates ran.", nameof(candidate));
        }

        var differences = new double[candidate.Length];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = candidate[i] - baseline[i];
        }

        return differences;
    }
}

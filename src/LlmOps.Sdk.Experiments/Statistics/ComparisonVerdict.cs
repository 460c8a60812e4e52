namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>What a paired comparison concludes about a candidate against the baseline, for one score.</summary>
internal enum ComparisonVerdict
{
    /// <summary>The test did not reject the null hypothesis at the chosen level.</summary>
    NoSignificantDifference,

    /// <summary>The candidate is significantly better than the baseline.</summary>
    Better,

    /// <summary>The candidate is significantly worse than the baseline.</summary>
    Worse,
}

namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>How <see cref="WilcoxonSignedRank"/> computes its p-value, with scipy's names.</summary>
internal enum WilcoxonMethod
{
    /// <summary>Chooses as <c>scipy.stats.wilcoxon(method='auto')</c> does; never the result of a test.</summary>
    Auto,

    /// <summary>The exact null distribution of the rank sum, for untied ranks 1..n.</summary>
    Exact,

    /// <summary>All 2^n sign flips of the differences, enumerated: exact even with ties and zeros.</summary>
    Permutation,

    /// <summary>The normal approximation, with the tie correction of the variance and no continuity correction.</summary>
    Asymptotic,
}

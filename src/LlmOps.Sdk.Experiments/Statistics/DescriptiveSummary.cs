namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>The descriptive statistics of one candidate's values, as <see cref="Descriptive.Summarize"/> computes them.</summary>
/// <param name="Count">The number of values.</param>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="StandardDeviation">The sample standard deviation (n - 1 in the denominator); NaN below two values.</param>
/// <param name="P50">The median, with NumPy's linear interpolation.</param>
/// <param name="P95">The 95th percentile, with NumPy's linear interpolation.</param>
internal readonly record struct DescriptiveSummary(int Count, double Mean, double StandardDeviation, double P50, double P95);

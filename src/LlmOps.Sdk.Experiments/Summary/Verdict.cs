using System.Text.Json.Serialization;

namespace LlmOps.Sdk.Experiments;

/// <summary>What a comparison concludes about one score.</summary>
/// <remarks>In JSON summaries: <c>better</c>, <c>worse</c>, <c>no_significant_difference</c>.</remarks>
public enum Verdict
{
    /// <summary>The difference is not significant at the chosen level.</summary>
    [JsonStringEnumMemberName("no_significant_difference")]
    NoSignificantDifference,

    /// <summary>The candidate is significantly better than the baseline.</summary>
    [JsonStringEnumMemberName("better")]
    Better,

    /// <summary>The candidate is significantly worse than the baseline.</summary>
    [JsonStringEnumMemberName("worse")]
    Worse,
}

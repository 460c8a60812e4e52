namespace LlmOps.Sdk.Experiments.Statistics;

/// <summary>The outcome of McNemar's exact test.</summary>
/// <param name="CandidateOnlyPassed">The number of items only the candidate passed.</param>
/// <param name="BaselineOnlyPassed">The number of items only the baseline passed.</param>
/// <param name="PValue">The two-sided exact p-value.</param>
internal readonly record struct McNemarResult(int CandidateOnlyPassed, int BaselineOnlyPassed, double PValue)
{
    /// <summary>Gets the number of discordant pairs, the items exactly one of the two passed.</summary>
    public int Discordant => CandidateOnlyPassed + BaselineOnlyPassed;
}

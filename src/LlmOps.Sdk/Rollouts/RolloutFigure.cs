namespace LlmOps.Sdk.Rollouts;

/// <summary>One guarded figure of one step, for both versions, with the test that compared them.</summary>
/// <param name="Name">
/// The figure: <c>error_rate</c>, <c>latency_p95_ms</c>, <c>cost_per_call_usd</c>, <c>score:&lt;name&gt;:pass_rate</c> or
/// <c>score:&lt;name&gt;:mean</c>.
/// </param>
/// <param name="Baseline">The baseline's value.</param>
/// <param name="Candidate">The candidate's value.</param>
/// <param name="BaselineCount">How many observations the baseline's value rests on.</param>
/// <param name="CandidateCount">How many observations the candidate's value rests on.</param>
/// <param name="Test">
/// The test: <c>two-proportion z</c> for rates, <c>p95 exceedance z</c> for latency (the share of calls above the two
/// versions' pooled p95), <c>welch z</c> for means.
/// </param>
/// <param name="PValue">The one-sided p-value that the candidate is worse.</param>
/// <param name="Threshold">The per-test significance level after the Bonferroni division.</param>
/// <param name="Worse">Whether <paramref name="PValue"/> is below <paramref name="Threshold"/>: the candidate is significantly worse.</param>
public sealed record RolloutFigure(
    string Name,
    double Baseline,
    double Candidate,
    long BaselineCount,
    long CandidateCount,
    string Test,
    double PValue,
    double Threshold,
    bool Worse);

namespace LlmOps.Sdk.Rollouts;

/// <summary>A copy of one version's figures in one step, as the controller judges them.</summary>
/// <param name="Calls">Calls that finished.</param>
/// <param name="Errors">Calls that threw.</param>
/// <param name="Latency">Calls per <see cref="LatencyBuckets"/> bucket.</param>
/// <param name="Cost">The estimated cost of the calls whose price is known, in US dollars.</param>
/// <param name="Scores">The guarded scores, in the plan's order.</param>
internal sealed record VersionSnapshot(long Calls, long Errors, long[] Latency, RunningMean Cost, ScoreSnapshot[] Scores);

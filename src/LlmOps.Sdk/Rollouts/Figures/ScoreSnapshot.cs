namespace LlmOps.Sdk.Rollouts;

/// <summary>One guarded score's tally for one version: pass/fail verdicts and numeric values.</summary>
/// <param name="Passes">Scores that passed.</param>
/// <param name="Verdicts">Scores with a pass/fail verdict.</param>
/// <param name="Values">The numeric values.</param>
internal readonly record struct ScoreSnapshot(long Passes, long Verdicts, RunningMean Values);

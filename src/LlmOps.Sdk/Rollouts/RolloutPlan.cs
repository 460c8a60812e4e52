namespace LlmOps.Sdk.Rollouts;

/// <summary>How a guarded rollout moves a label to a candidate: the steps, what each step waits for, and what it guards.</summary>
/// <remarks>
/// At each step below 100% the candidate takes that share of the label's traffic. When both versions have at least
/// <see cref="MinCallsPerStep"/> calls in the step and <see cref="MinStepDuration"/> has passed, every guarded figure is
/// tested once, one-sided (is the candidate worse?). Worse on any figure halts the rollout and moves the label back to
/// the baseline; otherwise the next step begins, and reaching 100% completes it. The tests share
/// <see cref="SignificanceLevel"/> by Bonferroni: each runs at the level divided by (guarded figures × steps below 100%),
/// so the chance that an equal candidate is halted by noise anywhere in the rollout stays below it.
/// </remarks>
public sealed class RolloutPlan
{
    /// <summary>Gets or sets the candidate's share of traffic at each step, in percent.</summary>
    /// <value>Increasing, each above 0 and at most 100, the last exactly 100. The default is 5, 25, 50, 100.</value>
    public IList<double> Steps { get; set; } = [5, 25, 50, 100];

    /// <summary>Gets or sets how many calls each version needs in a step before the step is judged.</summary>
    /// <value>From 10. The default is 200.</value>
    public int MinCallsPerStep { get; set; } = 200;

    /// <summary>Gets or sets how long each step lasts at least.</summary>
    /// <value>Zero or more. The default is 10 minutes.</value>
    public TimeSpan MinStepDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the family-wise significance level: the highest chance of halting a candidate that is no worse.</summary>
    /// <value>Above 0 and at most 0.2. The default is 0.05.</value>
    public double SignificanceLevel { get; set; } = 0.05;

    /// <summary>Gets or sets whether a higher error rate (calls that threw) halts the rollout.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool GuardErrorRate { get; set; } = true;

    /// <summary>Gets or sets whether a higher latency p95 halts the rollout.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool GuardLatency { get; set; } = true;

    /// <summary>Gets or sets whether a higher mean cost per call halts the rollout.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool GuardCost { get; set; } = true;

    /// <summary>Gets or sets the evaluation scores whose pass rate (or, without verdicts, mean value) must not drop, automatic or feedback alike.</summary>
    /// <value>Score names such as <c>json_valid</c>. The default is none.</value>
    public IList<string> GuardedScores { get; set; } = [];
}

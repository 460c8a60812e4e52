namespace LlmOps.Sdk.Rollouts;

/// <summary>The defaults and fixed names of guarded rollouts, in one place.</summary>
internal static class RolloutConstants
{
    public const string DefaultActor = "llmops-rollout";

    /// <summary>The default lease duration in ticks: the holder may miss two renewals before another instance takes over.</summary>
    public const int LeaseTicks = 3;

    /// <summary>Starts the reason of every label change a rollout makes; the JSON state follows it.</summary>
    public const string ReasonPrefix = "rollout ";

    public const string ErrorRate = "error_rate";
    public const string LatencyP95 = "latency_p95_ms";
    public const string CostPerCall = "cost_per_call_usd";
    public const string ProportionTest = "two-proportion z";
    public const string ExceedanceTest = "p95 exceedance z";
    public const string MeanTest = "welch z";

    /// <summary>The controller's span: one per rollout this process drives, with an event per decision.</summary>
    public const string ActivityName = "llmops.rollout";

    /// <summary>Counts the decisions, tagged with the outcome.</summary>
    public const string DecisionsMetric = "llmops.rollout.decisions";

    public const string EventPrefix = "llmops.rollout.";
    public const string PromptNameTag = "llmops.prompt.name";
    public const string LabelTag = "llmops.prompt.label";
    public const string OutcomeTag = "llmops.rollout.outcome";
    public const string StepTag = "llmops.rollout.step";
    public const string PercentTag = "llmops.rollout.percent";
    public const string BaselineTag = "llmops.rollout.baseline_version";
    public const string CandidateTag = "llmops.rollout.candidate_version";
    public const string FigureTagPrefix = "llmops.rollout.figure.";

    public const double Quantile = 0.95;
}

using LlmOps.Sdk.Prompts;
using System.Text.Json.Serialization;

namespace LlmOps.Sdk.Rollouts;

/// <summary>
/// A rollout's state as the registry keeps it: the JSON in the reason of each label change the rollout makes.
/// </summary>
/// <remarks>
/// The label's targets are the other half of the state: the step's split is the label itself. A process that restarts
/// reads the latest change of the label; when it is a rollout's, that rollout resumes at its step, and when someone
/// moved the label by hand since, there is no rollout any more.
/// </remarks>
internal sealed record RolloutRecord
{
    [JsonPropertyName("v")]
    public int SchemaVersion { get; init; } = 1;

    public RolloutState State { get; init; }

    public int Baseline { get; init; }

    public int Candidate { get; init; }

    public int Step { get; init; }

    public double[] Steps { get; init; } = [];

    public int MinCalls { get; init; }

    public double MinStepSeconds { get; init; }

    public double Alpha { get; init; }

    public bool GuardErrors { get; init; }

    public bool GuardLatency { get; init; }

    public bool GuardCost { get; init; }

    public string[] Scores { get; init; } = [];

    public string Note { get; init; } = "";

    public RolloutFigure[] Figures { get; init; } = [];

    /// <summary>Gets the candidate's share of traffic at the current step, in percent.</summary>
    [JsonIgnore]
    public double Percent => State switch
    {
        RolloutState.Completed => 100,
        RolloutState.Halted or RolloutState.Aborted => 0,
        _ => Steps[Step],
    };

    /// <summary>Gets whether a controller still has work to do for it.</summary>
    [JsonIgnore]
    public bool IsActive => State is RolloutState.Running or RolloutState.Paused;

    public static RolloutRecord From(RolloutPlan plan, int baseline, int candidate) => new()
    {
        State = RolloutState.Running,
        Baseline = baseline,
        Candidate = candidate,
        Steps = [.. plan.Steps],
        MinCalls = plan.MinCallsPerStep,
        MinStepSeconds = plan.MinStepDuration.TotalSeconds,
        Alpha = plan.SignificanceLevel,
        GuardErrors = plan.GuardErrorRate,
        GuardLatency = plan.GuardLatency,
        GuardCost = plan.GuardCost,
        Scores = [.. plan.GuardedScores],
    };

    public RolloutPlan ToPlan() => new()
    {
        Steps = [.. Steps],
        MinCallsPerStep = MinCalls,
        MinStepDuration = TimeSpan.FromSeconds(MinStepSeconds),
        SignificanceLevel = Alpha,
        GuardErrorRate = GuardErrors,
        GuardLatency = GuardLatency,
        GuardCost = GuardCost,
        GuardedScores = [.. Scores],
    };

    /// <summary>Returns the label's targets for the current state: the split of the step, or one version at the ends.</summary>
    /// <remarks>
    /// A running step's weights are percentages; a paused step's are the same split as fractions of 1. Stores record no
    /// change that leaves a label's targets exactly as they were, so a pause must change the weights to be recorded;
    /// the traffic each version gets stays the same.
    /// </remarks>
    public PromptVersionWeight[] Targets() => State switch
    {
        RolloutState.Completed => [new(Candidate)],
        RolloutState.Halted or RolloutState.Aborted => [new(Baseline)],
        _ when Steps[Step] >= 100 => [new(Candidate)],
        RolloutState.Paused => [new(Baseline, (100 - Steps[Step]) / 100), new(Candidate, Steps[Step] / 100)],
        _ => [new(Baseline, 100 - Steps[Step]), new(Candidate, Steps[Step])],
    };
}

namespace LlmOps.Sdk.Rollouts;

/// <summary>Where a guarded rollout stands.</summary>
public enum RolloutState
{
    /// <summary>The candidate takes the current step's share of traffic, and the step is being watched.</summary>
    Running,

    /// <summary>The label keeps its split, and no step is judged until the rollout is resumed.</summary>
    Paused,

    /// <summary>The candidate was worse on a guarded figure; the label is back on the baseline.</summary>
    Halted,

    /// <summary>The candidate passed every step; the label points at it alone.</summary>
    Completed,

    /// <summary>Someone stopped the rollout; the label is back on the baseline.</summary>
    Aborted,
}

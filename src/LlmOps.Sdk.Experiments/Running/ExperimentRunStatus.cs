namespace LlmOps.Sdk.Experiments;

/// <summary>How a run ended.</summary>
public enum ExperimentRunStatus
{
    /// <summary>Every case ran (some may have failed, within the error budget).</summary>
    Completed,

    /// <summary>More cases failed than <see cref="Experiment.MaxFailedCases"/> allows, so the run stopped early; rerun with the same results file to continue.</summary>
    ErrorBudgetExceeded,
}

namespace LlmOps.Sdk.Experiments;

/// <summary>The gates of an experiment: what makes a run fail, for CI.</summary>
public sealed record ExperimentThresholds
{
    /// <summary>Gets the conditions that fail the run when any holds, such as <c>token_f1.mean &lt; 0.70</c>.</summary>
    public IReadOnlyList<string> FailOn { get; init; } = [];

    /// <summary>Gets the scores whose significant regression against the baseline fails the run, such as <c>token_f1</c>.</summary>
    public IReadOnlyList<string> FailOnRegression { get; init; } = [];
}

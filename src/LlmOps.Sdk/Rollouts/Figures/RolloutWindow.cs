namespace LlmOps.Sdk.Rollouts;

/// <summary>The figures of the baseline and the candidate over one step of one rollout: the same window for both.</summary>
/// <param name="Label">The label being rolled out.</param>
/// <param name="Step">The step's index in the plan.</param>
/// <param name="BaselineVersion">The baseline's version number.</param>
/// <param name="CandidateVersion">The candidate's version number.</param>
/// <param name="Scores">The guarded score names, in the plan's order.</param>
/// <param name="Start">When this process began counting the step.</param>
internal sealed record RolloutWindow(string Label, int Step, int BaselineVersion, int CandidateVersion, string[] Scores, DateTimeOffset Start)
{
    /// <summary>Gets the baseline's figures.</summary>
    public VersionFigures Baseline { get; } = new(Scores.Length);

    /// <summary>Gets the candidate's figures.</summary>
    public VersionFigures Candidate { get; } = new(Scores.Length);

    /// <summary>Returns the figures of a version, or <see langword="null"/> when the version is neither side.</summary>
    public VersionFigures? For(int version) =>
        version == CandidateVersion ? Candidate : version == BaselineVersion ? Baseline : null;
}

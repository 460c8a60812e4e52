namespace LlmOps.Sdk.Rollouts;

/// <summary>A guarded rollout as the registry records it, with the figures of its latest decision or of the running step.</summary>
/// <param name="Name">The prompt's name.</param>
/// <param name="Label">The label being moved.</param>
/// <param name="BaselineVersion">The version the label pointed at before the rollout, and goes back to when it halts.</param>
/// <param name="CandidateVersion">The version being rolled out.</param>
/// <param name="State">Where the rollout stands.</param>
/// <param name="Step">The index of the current step in <see cref="RolloutPlan.Steps"/>.</param>
/// <param name="Percent">The candidate's share of the label's traffic now, in percent.</param>
/// <param name="Plan">The plan it follows.</param>
/// <param name="ChangedAt">When the registry last recorded a change of the rollout.</param>
/// <param name="Note">Why the latest change happened.</param>
/// <param name="Figures">The figures that decided the latest change, or the running step's figures when this process watches it.</param>
public sealed record RolloutStatus(
    string Name,
    string Label,
    int BaselineVersion,
    int CandidateVersion,
    RolloutState State,
    int Step,
    double Percent,
    RolloutPlan Plan,
    DateTimeOffset ChangedAt,
    string Note,
    IReadOnlyList<RolloutFigure> Figures);

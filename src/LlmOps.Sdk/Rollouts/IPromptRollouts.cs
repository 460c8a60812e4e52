namespace LlmOps.Sdk.Rollouts;

/// <summary>Starts, inspects, pauses and stops guarded rollouts of prompt versions.</summary>
/// <remarks>
/// A rollout's state lives in the prompt registry's history, as the reason of the label changes it makes, so any process
/// that shares the store (the <c>llmops</c> tool, every instance of a service) sees it, and a controller that restarts
/// resumes it. Thread-safe.
/// </remarks>
public interface IPromptRollouts
{
    /// <summary>Starts moving a label from the version it points at to a candidate, with the plan's first step.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label, such as <c>production</c>; it must point at exactly one version, the baseline.</param>
    /// <param name="candidateVersion">The published version to roll out.</param>
    /// <param name="plan">The steps and guards.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The rollout, running its first step.</returns>
    /// <exception cref="ArgumentException">The plan is not valid; the message names the setting and its allowed range.</exception>
    /// <exception cref="InvalidOperationException">The label does not point at exactly one version, points at the candidate already, or another rollout of the prompt is running.</exception>
    /// <exception cref="Prompts.PromptException">The prompt or the candidate does not exist.</exception>
    ValueTask<RolloutStatus> StartAsync(string name, string label, int candidateVersion, RolloutPlan plan, CancellationToken cancellationToken = default);

    /// <summary>Gets the latest rollout of a label.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rollout, or <see langword="null"/> when the label has never been rolled out, or was moved by hand since.</returns>
    ValueTask<RolloutStatus?> GetStatusAsync(string name, string label, CancellationToken cancellationToken = default);

    /// <summary>Keeps the label's split as it is and stops judging steps until <see cref="ResumeAsync"/>.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The paused rollout.</returns>
    /// <exception cref="InvalidOperationException">No rollout of that label is running.</exception>
    ValueTask<RolloutStatus> PauseAsync(string name, string label, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused rollout; its current step starts counting again.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The running rollout.</returns>
    /// <exception cref="InvalidOperationException">No rollout of that label is paused.</exception>
    ValueTask<RolloutStatus> ResumeAsync(string name, string label, CancellationToken cancellationToken = default);

    /// <summary>Stops a running or paused rollout and moves the label back to the baseline.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label.</param>
    /// <param name="reason">Why, for the history.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The aborted rollout.</returns>
    /// <exception cref="InvalidOperationException">No rollout of that label is running or paused.</exception>
    ValueTask<RolloutStatus> AbortAsync(string name, string label, string reason, CancellationToken cancellationToken = default);
}

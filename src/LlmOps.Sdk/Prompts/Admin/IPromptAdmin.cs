namespace LlmOps.Sdk.Prompts;

/// <summary>Writes to a prompt store: publishes versions, moves labels, and reads the history of both.</summary>
/// <remarks>
/// The write side beside <see cref="IPromptStore"/>, used by the <c>llmops</c> tool, by experiments that promote a
/// winner, and by users' own tools. Published versions are immutable. Every change is recorded with its time, actor and
/// reason. Implementations are thread-safe, and each change is atomic: it is written whole or not at all.
/// </remarks>
public interface IPromptAdmin
{
    /// <summary>Publishes a version, after checking its templates and declared variables.</summary>
    /// <param name="version">The version to publish, with the number it is published under.</param>
    /// <param name="change">Who publishes it and why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>
    /// The published version, or the existing version of that prompt with the same content hash, with
    /// <see cref="PromptPublishResult.Created"/> telling which.
    /// </returns>
    /// <exception cref="PromptException">A template does not parse, or the declared variables do not match the templates.</exception>
    /// <exception cref="PromptConflictException">That version number is already published with other content.</exception>
    ValueTask<PromptPublishResult> PublishAsync(PromptVersion version, PromptChange change, CancellationToken cancellationToken = default);

    /// <summary>Points a label at one or more versions, splitting its traffic by weight.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label, such as <c>production</c>.</param>
    /// <param name="targets">The versions and their weights; at least one.</param>
    /// <param name="expected">
    /// What the caller believes the label points at now: an empty list when it believes the label does not exist, or
    /// <see langword="null"/> to move it whatever it points at.
    /// </param>
    /// <param name="change">Who moves it and why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The move, with the label's targets before and after.</returns>
    /// <exception cref="PromptException">The prompt or a target version does not exist, or a weight is not positive.</exception>
    /// <exception cref="PromptConflictException">The label points elsewhere than <paramref name="expected"/>.</exception>
    ValueTask<PromptLabelMove> SetLabelAsync(
        string name,
        string label,
        IReadOnlyList<PromptVersionWeight> targets,
        IReadOnlyList<PromptVersionWeight>? expected,
        PromptChange change,
        CancellationToken cancellationToken = default);

    /// <summary>Removes a label.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label to remove.</param>
    /// <param name="expected">What the caller believes the label points at now, or <see langword="null"/> for no check.</param>
    /// <param name="change">Who removes it and why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The move, with an empty list of targets after it.</returns>
    /// <exception cref="PromptException">The prompt or the label does not exist.</exception>
    /// <exception cref="PromptConflictException">The label points elsewhere than <paramref name="expected"/>.</exception>
    ValueTask<PromptLabelMove> RemoveLabelAsync(
        string name,
        string label,
        IReadOnlyList<PromptVersionWeight>? expected,
        PromptChange change,
        CancellationToken cancellationToken = default);

    /// <summary>Moves a label back to where it pointed before its latest move.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label to roll back.</param>
    /// <param name="change">Who rolls it back and why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The move back.</returns>
    /// <exception cref="PromptException">The label has never been moved, so there is nothing to roll back to.</exception>
    ValueTask<PromptLabelMove> RollbackLabelAsync(string name, string label, PromptChange change, CancellationToken cancellationToken = default);

    /// <summary>Gets every publish and label change of one prompt, oldest first.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The history, streamed.</returns>
    IAsyncEnumerable<PromptHistoryEntry> GetHistoryAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets the names of every prompt the store holds, in ordinal order.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The names, streamed.</returns>
    IAsyncEnumerable<string> ListPromptsAsync(CancellationToken cancellationToken = default);
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.Primitives;

namespace LlmOps.Sdk.Prompts;

/// <summary>A prompt store built in code: publish versions, move labels, read the history.</summary>
/// <remarks>
/// <para>
/// Thread-safe. Versions are immutable: publishing a number again with other content throws, publishing the same
/// content again does nothing. Every change fires <see cref="Watch"/>, so a registry serves it at once.
/// </para>
/// <para>
/// It is also an <see cref="IPromptAdmin"/> with the same rules as the database stores (validation before publish,
/// optimistic label moves, history, rollback), so tests and samples need no database. Changes made through
/// <see cref="Add"/>, <see cref="SetLabel(string, string, PromptVersionWeight[])"/> and <see cref="RemoveLabel"/> are
/// recorded in the history too, with the actor <c>code</c>.
/// </para>
/// </remarks>
public sealed class InMemoryPromptStore : IPromptStore, IPromptAdmin
{
    private const string StoreName = "the in-memory prompt store";
    private static readonly PromptChange CodeChange = new("code", "Set in code.");

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PromptDefinition> _prompts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PromptHistoryEntry>> _history = new(StringComparer.Ordinal);
    private readonly ChangeSignal _changes = new();
    private readonly TimeProvider _time;
    private long _sequence;

    /// <summary>Initializes a new, empty instance of the <see cref="InMemoryPromptStore"/> class.</summary>
    public InMemoryPromptStore()
        : this(null)
    {
    }

    /// <summary>Initializes a new, empty instance of the <see cref="InMemoryPromptStore"/> class with a clock for its history.</summary>
    /// <param name="timeProvider">The clock that stamps history entries; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryPromptStore(TimeProvider? timeProvider)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Publishes a version and, optionally, points labels at it.</summary>
    /// <param name="version">The version to publish.</param>
    /// <param name="labels">Labels to point at this version alone, such as <c>production</c>.</param>
    /// <returns>This store, for chaining.</returns>
    /// <exception cref="ArgumentException">That version number is already published with other content, or a label is invalid.</exception>
    public InMemoryPromptStore Add(PromptVersion version, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(labels);
        Update(version.Name, (versions, currentLabels, record) =>
        {
            if (versions.TryGetValue(version.Version, out var existing) && existing.ContentHash != version.ContentHash)
            {
                throw new ArgumentException(
                    $"Prompt '{version.Name}' version {version.Version} is already published with other content. Versions are immutable: publish this one as version {versions.Keys.Max() + 1}.",
                    nameof(version));
            }

            if (existing is null)
            {
                versions[version.Version] = version;
                record(PromptHistoryKind.Publish, version.Version, null, [], [], CodeChange);
            }

            foreach (var label in labels)
            {
                SetLabelCore(version.Name, currentLabels, label, [new PromptVersionWeight(version.Version)], PromptHistoryKind.LabelSet, CodeChange, record);
            }
        });
        return this;
    }

    /// <summary>Points a label at one version.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label, such as <c>production</c>.</param>
    /// <param name="version">The version number it points to.</param>
    /// <returns>This store, for chaining.</returns>
    /// <exception cref="ArgumentException">The prompt or version does not exist.</exception>
    public InMemoryPromptStore SetLabel(string name, string label, int version) =>
        SetLabel(name, label, new PromptVersionWeight(version));

    /// <summary>Points a label at several versions, splitting its traffic by weight.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label, such as <c>production</c>.</param>
    /// <param name="targets">The versions and their weights.</param>
    /// <returns>This store, for chaining.</returns>
    /// <exception cref="ArgumentException">The prompt or a version does not exist, or a weight is not positive.</exception>
    public InMemoryPromptStore SetLabel(string name, string label, params PromptVersionWeight[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Update(name, (_, labels, record) => SetLabelCore(name, labels, label, [.. targets], PromptHistoryKind.LabelSet, CodeChange, record), MissingInCode);
        return this;
    }

    /// <summary>Removes a label; calls that ask for it fail once registries' caches expire.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label to remove.</param>
    /// <returns>This store, for chaining.</returns>
    public InMemoryPromptStore RemoveLabel(string name, string label)
    {
        Update(name, (_, labels, record) =>
        {
            if (labels.Remove(label, out var before))
            {
                record(PromptHistoryKind.LabelRemove, null, label, before, [], CodeChange);
            }
        }, MissingInCode);
        return this;
    }

    /// <inheritdoc/>
    public ValueTask<PromptDefinition?> GetPromptAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(_prompts.GetValueOrDefault(name));
        }
    }

    /// <inheritdoc/>
    public IChangeToken? Watch() => _changes.Watch();

    /// <inheritdoc/>
    public ValueTask<PromptPublishResult> PublishAsync(PromptVersion version, PromptChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        PromptChangeRules.ThrowIfInvalid(change);
        cancellationToken.ThrowIfCancellationRequested();
        PromptChangeRules.ThrowIfInvalid(version, StoreName);
        PromptPublishResult? result = null;
        Update(version.Name, (versions, _, record) =>
        {
            foreach (var existing in versions.Values)
            {
                if (existing.ContentHash == version.ContentHash)
                {
                    result = new PromptPublishResult(existing, Created: false);
                    return;
                }
            }

            if (versions.TryGetValue(version.Version, out var taken))
            {
                throw PromptChangeRules.PublishConflict(version, taken.ContentHash, versions.Keys.Max(), StoreName);
            }

            versions[version.Version] = version;
            record(PromptHistoryKind.Publish, version.Version, null, [], [], change);
            result = new PromptPublishResult(version, Created: true);
        });
        return new(result!); // the update either set it or threw
    }

    /// <inheritdoc/>
    public ValueTask<PromptLabelMove> SetLabelAsync(
        string name,
        string label,
        IReadOnlyList<PromptVersionWeight> targets,
        IReadOnlyList<PromptVersionWeight>? expected,
        PromptChange change,
        CancellationToken cancellationToken = default)
    {
        PromptChangeRules.ThrowIfInvalidLabel(name, label);
        ArgumentNullException.ThrowIfNull(targets);
        PromptChangeRules.ThrowIfInvalid(change);
        cancellationToken.ThrowIfCancellationRequested();
        PromptLabelMove? move = null;
        Update(name, (versions, labels, record) =>
        {
            var checkedTargets = PromptChangeRules.CheckTargets(name, label, targets, versions.ContainsKey, StoreName);
            var before = labels.GetValueOrDefault(label) ?? [];
            PromptChangeRules.ThrowIfNotExpected(name, label, expected, before, StoreName);
            move = SetLabelCore(name, labels, label, checkedTargets, PromptHistoryKind.LabelSet, change, record);
        }, MissingInAdmin);
        return new(move!); // the update either set it or threw
    }

    /// <inheritdoc/>
    public ValueTask<PromptLabelMove> RemoveLabelAsync(
        string name,
        string label,
        IReadOnlyList<PromptVersionWeight>? expected,
        PromptChange change,
        CancellationToken cancellationToken = default)
    {
        PromptChangeRules.ThrowIfInvalidLabel(name, label);
        PromptChangeRules.ThrowIfInvalid(change);
        cancellationToken.ThrowIfCancellationRequested();
        PromptLabelMove? move = null;
        Update(name, (_, labels, record) =>
        {
            if (!labels.TryGetValue(label, out var before))
            {
                throw PromptChangeRules.NoLabel(name, label, labels.Keys, StoreName);
            }

            PromptChangeRules.ThrowIfNotExpected(name, label, expected, before, StoreName);
            labels.Remove(label);
            record(PromptHistoryKind.LabelRemove, null, label, before, [], change);
            move = new PromptLabelMove(name, label, before, []);
        }, MissingInAdmin);
        return new(move!); // the update either set it or threw
    }

    /// <inheritdoc/>
    public ValueTask<PromptLabelMove> RollbackLabelAsync(string name, string label, PromptChange change, CancellationToken cancellationToken = default)
    {
        PromptChangeRules.ThrowIfInvalidLabel(name, label);
        PromptChangeRules.ThrowIfInvalid(change);
        cancellationToken.ThrowIfCancellationRequested();
        PromptLabelMove? move = null;
        Update(name, (_, labels, record) =>
        {
            var source = PromptChangeRules.RollbackSource(name, label, _history.GetValueOrDefault(name) ?? [], StoreName);
            move = SetLabelCore(name, labels, label, [.. source.Before], PromptHistoryKind.Rollback, change, record);
        }, MissingInAdmin);
        return new(move!); // the update either set it or threw
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<PromptHistoryEntry> GetHistoryAsync(string name, CancellationToken cancellationToken = default)
    {
        PromptName.ThrowIfInvalid(name);
        lock (_gate)
        {
            return StreamAsync<PromptHistoryEntry>(_history.TryGetValue(name, out var history) ? [.. history] : [], cancellationToken);
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<string> ListPromptsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return StreamAsync<string>([.. _prompts.Keys.Order(StringComparer.Ordinal)], cancellationToken);
        }
    }

    /// <summary>Streams a copy taken under the lock, so that later changes do not disturb a reader.</summary>
    private static async IAsyncEnumerable<T> StreamAsync<T>(T[] items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }

    /// <summary>Records one change in the history of the prompt being updated.</summary>
    private delegate void Recorder(
        PromptHistoryKind kind, int? version, string? label, IReadOnlyList<PromptVersionWeight> before, IReadOnlyList<PromptVersionWeight> after, PromptChange change);

    private static PromptLabelMove SetLabelCore(
        string name,
        Dictionary<string, IReadOnlyList<PromptVersionWeight>> labels,
        string label,
        PromptVersionWeight[] targets,
        PromptHistoryKind kind,
        PromptChange change,
        Recorder record)
    {
        var before = labels.GetValueOrDefault(label) ?? [];
        labels[label] = targets;

        // Pointing a label where it already points changes nothing, so it is not a move a rollback should undo.
        if (!PromptChangeRules.SameTargets(before, targets))
        {
            record(kind, null, label, before, targets, change);
        }

        return new PromptLabelMove(name, label, before, targets);
    }

    private static ArgumentException MissingInCode(string name) =>
        new($"The store has no prompt named '{name}'. Add a version of it first.", nameof(name));

    private static PromptException MissingInAdmin(string name) => PromptChangeRules.NoPrompt(name, StoreName);

    private void Update(
        string name,
        Action<Dictionary<int, PromptVersion>, Dictionary<string, IReadOnlyList<PromptVersionWeight>>, Recorder> change,
        Func<string, Exception>? missing = null)
    {
        PromptName.ThrowIfInvalid(name);
        lock (_gate)
        {
            var current = _prompts.GetValueOrDefault(name);
            if (current is null && missing is not null)
            {
                throw missing(name);
            }

            var versions = current?.Versions.ToDictionary() ?? [];
            var labels = current?.Labels.ToDictionary(StringComparer.Ordinal) ?? new(StringComparer.Ordinal);
            List<PromptHistoryEntry> recorded = [];
            var now = _time.GetUtcNow();
            var sequence = _sequence;
            change(versions, labels, (kind, version, label, before, after, who) => recorded.Add(
                new PromptHistoryEntry(++sequence, now, kind, name, version, label, before, after, who.Actor, who.Reason)));
            if (recorded.Count == 0 && current is not null)
            {
                return; // nothing changed: no new definition, no change signal
            }

            _prompts[name] = new PromptDefinition(name, versions.Values, labels); // validates before anything is replaced
            _sequence = sequence;
            if (!_history.TryGetValue(name, out var history))
            {
                _history[name] = history = [];
            }

            history.AddRange(recorded);
        }

        _changes.Fire();
    }
}

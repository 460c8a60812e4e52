using Microsoft.Extensions.Primitives;

namespace LlmOps.Sdk.Prompts;

/// <summary>A prompt store built in code: publish versions, move labels.</summary>
/// <remarks>
/// Thread-safe. Versions are immutable: publishing a number again with other content throws, publishing the same
/// content again does nothing. Every change fires <see cref="Watch"/>, so a registry serves it at once.
/// </remarks>
public sealed class InMemoryPromptStore : IPromptStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PromptDefinition> _prompts = new(StringComparer.Ordinal);
    private readonly ChangeSignal _changes = new();

    /// <summary>Publishes a version and, optionally, points labels at it.</summary>
    /// <param name="version">The version to publish.</param>
    /// <param name="labels">Labels to point at this version alone, such as <c>production</c>.</param>
    /// <returns>This store, for chaining.</returns>
    /// <exception cref="ArgumentException">That version number is already published with other content, or a label is invalid.</exception>
    public InMemoryPromptStore Add(PromptVersion version, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(labels);
        Update(version.Name, (versions, currentLabels) =>
        {
            if (versions.TryGetValue(version.Version, out var existing) && existing.ContentHash != version.ContentHash)
            {
                throw new ArgumentException(
                    $"Prompt '{version.Name}' version {version.Version} is already published with other content. Versions are immutable: publish this one as version {versions.Keys.Max() + 1}.",
                    nameof(version));
            }

            versions[version.Version] = existing ?? version;
            foreach (var label in labels)
            {
                currentLabels[label] = [new PromptVersionWeight(version.Version)];
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
        Update(name, (_, labels) => labels[label] = [.. targets], mustExist: true);
        return this;
    }

    /// <summary>Removes a label; calls that ask for it fail once registries' caches expire.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label to remove.</param>
    /// <returns>This store, for chaining.</returns>
    public InMemoryPromptStore RemoveLabel(string name, string label)
    {
        Update(name, (_, labels) => labels.Remove(label), mustExist: true);
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

    private void Update(
        string name,
        Action<Dictionary<int, PromptVersion>, Dictionary<string, IReadOnlyList<PromptVersionWeight>>> change,
        bool mustExist = false)
    {
        lock (_gate)
        {
            var current = _prompts.GetValueOrDefault(name);
            if (current is null && mustExist)
            {
                throw new ArgumentException($"The store has no prompt named '{name}'. Add a version of it first.", nameof(name));
            }

            var versions = current?.Versions.ToDictionary() ?? [];
            var labels = current?.Labels.ToDictionary(StringComparer.Ordinal) ?? new(StringComparer.Ordinal);
            change(versions, labels);
            _prompts[name] = new PromptDefinition(name, versions.Values, labels); // validates before anything is replaced
        }

        _changes.Fire();
    }
}

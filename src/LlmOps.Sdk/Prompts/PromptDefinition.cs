namespace LlmOps.Sdk.Prompts;

/// <summary>Everything a store holds for one prompt name: its versions and where its labels point.</summary>
/// <remarks>Immutable: a store hands out a new definition when its content changes.</remarks>
public sealed class PromptDefinition
{
    private readonly Dictionary<int, PromptVersion> _versions;
    private readonly Dictionary<string, LabelTargets> _targets = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="PromptDefinition"/> class.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="versions">The versions, each with this name and a distinct number.</param>
    /// <param name="labels">Each label and the versions it points to, with their weights.</param>
    /// <exception cref="ArgumentException">A version has another name or a duplicate number, or a label points at a missing version or has a bad weight.</exception>
    public PromptDefinition(
        string name,
        IEnumerable<PromptVersion> versions,
        IReadOnlyDictionary<string, IReadOnlyList<PromptVersionWeight>>? labels = null)
    {
        PromptName.ThrowIfInvalid(name);
        ArgumentNullException.ThrowIfNull(versions);
        Name = name;
        var byNumber = new SortedDictionary<int, PromptVersion>();
        foreach (var version in versions)
        {
            if (version.Name != name)
            {
                throw new ArgumentException(
                    $"Prompt '{name}' was given version {version.Version} of prompt '{version.Name}'{SourceSuffix(version)}. Put each version under its own prompt's name.",
                    nameof(versions));
            }

            if (!byNumber.TryAdd(version.Version, version))
            {
                throw new ArgumentException(
                    $"Prompt '{name}' has two definitions of version {version.Version}{SourceSuffix(byNumber[version.Version])} and{SourceSuffix(version)}. Versions are immutable: give the new one the next number.",
                    nameof(versions));
            }
        }

        // Filled in ascending order, so listing the versions reads 1, 2, 3.
        _versions = new Dictionary<int, PromptVersion>(byNumber);
        LatestVersion = byNumber.Count > 0 ? byNumber.Keys.Max() : 0;
        var checkedLabels = new Dictionary<string, IReadOnlyList<PromptVersionWeight>>(StringComparer.Ordinal);
        foreach (var (label, targets) in labels ?? new Dictionary<string, IReadOnlyList<PromptVersionWeight>>())
        {
            var checkedTargets = CheckLabel(label, targets);
            checkedLabels[label] = checkedTargets;
            _targets[label] = new LabelTargets(checkedTargets, [.. checkedTargets.Select(t => _versions[t.Version])]);
        }

        Labels = checkedLabels;
    }

    /// <summary>A label's targets with their versions looked up once, for resolution without further lookups.</summary>
    internal sealed record LabelTargets(PromptVersionWeight[] Weights, PromptVersion[] Versions);

    /// <summary>Gets the prompt's name.</summary>
    public string Name { get; }

    /// <summary>Gets the versions by number.</summary>
    public IReadOnlyDictionary<int, PromptVersion> Versions => _versions;

    internal Dictionary<string, LabelTargets> Targets => _targets;

    /// <summary>Gets the highest version number, which the implicit label <c>latest</c> points to; 0 when there is none.</summary>
    public int LatestVersion { get; }

    /// <summary>Gets each label and the versions it points to, with their weights.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PromptVersionWeight>> Labels { get; }

    private PromptVersionWeight[] CheckLabel(string label, IReadOnlyList<PromptVersionWeight> targets)
    {
        PromptName.ThrowIfInvalid(label, "label");
        if (targets is null || targets.Count == 0)
        {
            throw new ArgumentException($"Label '{label}' of prompt '{Name}' points to no version. Give it a version number.", nameof(targets));
        }

        foreach (var target in targets)
        {
            if (!_versions.ContainsKey(target.Version))
            {
                throw new ArgumentException(
                    $"Label '{label}' of prompt '{Name}' points to version {target.Version}, which does not exist (versions: {string.Join(", ", _versions.Keys)}). Point it at an existing version or add that version.",
                    nameof(targets));
            }

            if (!(target.Weight > 0) || double.IsInfinity(target.Weight))
            {
                throw new ArgumentException(
                    $"Label '{label}' of prompt '{Name}' gives version {target.Version} the weight {target.Weight}. Weights must be positive numbers.",
                    nameof(targets));
            }
        }

        return [.. targets];
    }

    private static string SourceSuffix(PromptVersion version) => version.Source is null ? string.Empty : $" ({version.Source})";
}

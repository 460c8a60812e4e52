namespace LlmOps.Sdk.Prompts;

/// <summary>Publishes a prompts directory to a writable store: only the versions it lacks, then the labels of <c>labels.yaml</c>.</summary>
/// <remarks>
/// Every file is read and checked before anything is written, so a broken file never leaves a half-pushed store. A version
/// number the store already holds with other content is a conflict: published versions are immutable.
/// </remarks>
internal static class PromptPush
{
    /// <summary>Compares the directory with the store and returns the writes a push makes, in order.</summary>
    /// <exception cref="PromptException">A file does not load; every problem is named with its file, line and column.</exception>
    /// <exception cref="PromptConflictException">A version number is published in the store with other content, or another cache setting.</exception>
    public static async Task<IReadOnlyList<PromptPushStep>> PlanAsync(string directory, IPromptStore store, CancellationToken cancellationToken = default)
    {
        var local = PromptDirectoryLoader.Load(directory);
        var steps = new List<PromptPushStep>();
        foreach (var name in local.Keys.Order(StringComparer.Ordinal))
        {
            var files = local[name];
            var stored = await store.GetPromptAsync(name, cancellationToken);
            foreach (var version in files.Versions.Values.OrderBy(static v => v.Version))
            {
                PromptVersion? published = null;
                if (stored?.Versions.TryGetValue(version.Version, out published) == true && published!.ContentHash != version.ContentHash) // TryGetValue set it
                {
                    throw new PromptConflictException(
                        $"Prompt '{name}' v{version.Version} is published with other content ({published.ContentHash[..12]}, the file has {version.ContentHash[..12]}). Published versions are immutable: save the change as v{Math.Max(files.LatestVersion, stored.LatestVersion) + 1}.");
                }

                // The cache setting is not in the hash (it does not change what the model is sent), but a published
                // version keeps its own: a push that ignored the edit would leave the file saying what the store does not do.
                if (published is not null && published.Cache != version.Cache)
                {
                    throw new PromptConflictException(
                        $"Prompt '{name}' v{version.Version} is published with cache: {Describe(published.Cache)}, the file {version.Source} says {Describe(version.Cache)}. Published versions are immutable: save the change as v{Math.Max(files.LatestVersion, stored!.LatestVersion) + 1}."); // published: the store has it
                }

                if (published is null)
                {
                    steps.Add(new PromptPushStep(name, version, null, [], []));
                }
            }

            // Only a labels.yaml moves labels: without one the files imply production on the latest version, which a
            // push must not impose on a store whose labels are moved by hand.
            if (!File.Exists(Path.Combine(directory, name, "labels.yaml")))
            {
                continue;
            }

            foreach (var (label, targets) in files.Labels.OrderBy(static l => l.Key, StringComparer.Ordinal))
            {
                IReadOnlyList<PromptVersionWeight> before = stored?.Labels.TryGetValue(label, out var current) == true ? current : [];
                if (!before.SequenceEqual(targets))
                {
                    steps.Add(new PromptPushStep(name, null, label, before, targets));
                }
            }
        }

        return steps;
    }

    private static string Describe(PromptCacheSettings? cache) => cache switch
    {
        null => "false",
        { Duration: { } duration } => duration.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        _ => "true",
    };

    /// <summary>Makes the writes of a plan, in order.</summary>
    public static async Task ApplyAsync(IReadOnlyList<PromptPushStep> steps, IPromptAdmin admin, PromptChange change, CancellationToken cancellationToken = default)
    {
        foreach (var step in steps)
        {
            if (step.Version is { } version)
            {
                await admin.PublishAsync(version, change, cancellationToken);
            }
            else
            {
                await admin.SetLabelAsync(step.Name, step.Label!, step.After, step.Before, change, cancellationToken); // a label step has a label
            }
        }
    }
}

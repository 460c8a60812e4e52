using System.Globalization;
using System.Text;

namespace LlmOps.Sdk.Prompts;

/// <summary>
/// The rules every <see cref="IPromptAdmin"/> applies, whatever it stores in: what may be published, what a label may
/// point at, when an expectation holds, where a rollback goes, and the errors that say so.
/// </summary>
/// <remarks>
/// Each store checks the same things with the same messages, so that the <c>llmops</c> tool and users' own tools see
/// one behaviour. A store calls these inside its write transaction, before it writes anything.
/// </remarks>
internal static class PromptChangeRules
{
    /// <summary>Checks a version before it is published, with the checks and messages the file store uses when it loads.</summary>
    /// <exception cref="PromptException">A template does not parse, or the declared variables do not match the templates.</exception>
    public static void ThrowIfInvalid(PromptVersion version, string store)
    {
        ArgumentNullException.ThrowIfNull(version);
        List<PromptException> errors = [.. PromptValidator.Validate(version)];
        if (errors.Count == 1)
        {
            throw errors[0];
        }

        if (errors.Count > 1)
        {
            throw new PromptException(
                $"Prompt '{version.Name}' version {version.Version} was not published to {store}; {errors.Count} problems:{Environment.NewLine}" +
                string.Join(Environment.NewLine, errors.Select(static e => $"- {e.Message}")),
                new AggregateException(errors))
            {
                PromptName = version.Name,
                Version = version.Version,
            };
        }

        // Checked now, so that a version whose extras cannot be stored fails before the write rather than inside it.
        _ = PromptVersionJson.Serialize(version);
    }

    /// <summary>Checks who makes a change and why.</summary>
    /// <exception cref="ArgumentException">The actor is empty.</exception>
    public static void ThrowIfInvalid(PromptChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(change.Actor, nameof(change));
        ArgumentNullException.ThrowIfNull(change.Reason, nameof(change));
        if (string.IsNullOrWhiteSpace(change.Actor))
        {
            throw new ArgumentException(
                "The change names no actor. Say who makes it (a user name, a service or a CI job): it is recorded in the prompt's history.",
                nameof(change));
        }
    }

    /// <summary>Checks a prompt name and a label a caller gave; <c>latest</c> is refused because it is implicit.</summary>
    /// <exception cref="ArgumentException">The name or label is not valid, or the label is <c>latest</c>.</exception>
    public static void ThrowIfInvalidLabel(string name, string label)
    {
        PromptName.ThrowIfInvalid(name);
        PromptName.ThrowIfInvalid(label, "label");
        if (label == PromptConstants.LatestLabel)
        {
            throw new ArgumentException(
                $"Label 'latest' of prompt '{name}' cannot be set or removed: it always points to the highest version. Use another label, such as 'production'.",
                nameof(label));
        }
    }

    /// <summary>Checks a label's new targets against the prompt's versions.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label.</param>
    /// <param name="targets">The targets the caller gave.</param>
    /// <param name="versionExists">Whether the prompt has a version of that number.</param>
    /// <param name="store">The store, for messages.</param>
    /// <returns>A copy of the targets, safe to keep.</returns>
    /// <exception cref="PromptException">There are no targets, a target is missing or repeated, or a weight is not a positive number.</exception>
    public static PromptVersionWeight[] CheckTargets(
        string name, string label, IReadOnlyList<PromptVersionWeight> targets, Func<int, bool> versionExists, string store)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            throw Error(name, label, $"Label '{label}' of prompt '{name}' was given no version to point at. Give at least one version, or remove the label.");
        }

        HashSet<int> seen = [];
        foreach (var target in targets)
        {
            if (!seen.Add(target.Version))
            {
                throw Error(name, label, $"Label '{label}' of prompt '{name}' was given version {target.Version} twice. Give each version once, with its total weight.");
            }

            if (!(target.Weight > 0) || double.IsInfinity(target.Weight))
            {
                throw Error(name, label, string.Create(CultureInfo.InvariantCulture,
                    $"Label '{label}' of prompt '{name}' gives version {target.Version} the weight {target.Weight}. Weights must be positive, finite numbers."));
            }

            if (!versionExists(target.Version))
            {
                throw Error(name, label,
                    $"Label '{label}' of prompt '{name}' cannot point to version {target.Version}: {store} has no such version. Publish it first, or point the label at a published version.");
            }
        }

        return [.. targets];
    }

    /// <summary>Whether two lists of targets name the same versions with the same weights, in any order.</summary>
    public static bool SameTargets(IReadOnlyList<PromptVersionWeight> left, IReadOnlyList<PromptVersionWeight> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var target in left)
        {
            var found = false;
            foreach (var other in right)
            {
                if (other.Version == target.Version)
                {
                    found = other.Weight.Equals(target.Weight);
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws when the caller's expectation of a label's targets is not what the store holds.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label.</param>
    /// <param name="expected">What the caller believes; empty for "no such label", <see langword="null"/> for no check.</param>
    /// <param name="actual">What the store holds; empty when the label does not exist.</param>
    /// <param name="store">The store, for the message.</param>
    /// <exception cref="PromptConflictException">They differ; the message names both.</exception>
    public static void ThrowIfNotExpected(
        string name, string label, IReadOnlyList<PromptVersionWeight>? expected, IReadOnlyList<PromptVersionWeight> actual, string store)
    {
        if (expected is null || SameTargets(expected, actual))
        {
            return;
        }

        throw new PromptConflictException(
            $"Label '{label}' of prompt '{name}' in {store} points to {Describe(actual)}, not to {Describe(expected)} as the change expected: " +
            "it was changed since it was read. Read the label again, check the change still makes sense, and retry with what it points to now.")
        {
            PromptName = name,
            Label = label,
            Expected = [.. expected],
            Actual = [.. actual],
        };
    }

    /// <summary>The error for publishing a version number that is taken by other content.</summary>
    public static PromptConflictException PublishConflict(PromptVersion version, string existingHash, int latestVersion, string store) => new(
        $"Prompt '{version.Name}' version {version.Version} is already published in {store} with other content (hash {existingHash}, not {version.ContentHash}). " +
        $"Versions are immutable: publish this content as version {latestVersion + 1}.")
    {
        PromptName = version.Name,
        Version = version.Version,
    };

    /// <summary>Finds where a rollback moves a label: back to its targets before its latest move.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="label">The label.</param>
    /// <param name="history">The prompt's history, oldest first, or at least every change of this label.</param>
    /// <param name="store">The store, for messages.</param>
    /// <returns>The latest move of the label, whose <see cref="PromptHistoryEntry.Before"/> is where the rollback goes.</returns>
    /// <remarks>
    /// A rollback is itself a move, so rolling back twice returns to where the label was before the first rollback: a
    /// rollback undoes the one latest move, it does not walk further back.
    /// </remarks>
    /// <exception cref="PromptException">The label has never been moved, or its latest move created it, so there is nothing to go back to.</exception>
    public static PromptHistoryEntry RollbackSource(string name, string label, IEnumerable<PromptHistoryEntry> history, string store)
    {
        ArgumentNullException.ThrowIfNull(history);
        PromptHistoryEntry? latest = null;
        foreach (var entry in history)
        {
            if (entry.Kind != PromptHistoryKind.Publish && entry.Label == label && (latest is null || entry.Sequence > latest.Sequence))
            {
                latest = entry;
            }
        }

        if (latest is null)
        {
            throw Error(name, label,
                $"Label '{label}' of prompt '{name}' has never been moved in {store}, so there is nothing to roll back to. Point it at a version with a label change instead.");
        }

        if (latest.Before.Count == 0)
        {
            throw Error(name, label,
                $"Label '{label}' of prompt '{name}' did not exist before its latest change in {store} (by {latest.Actor}), so there is nothing to roll it back to. Remove the label, or point it at a version.");
        }

        return latest;
    }

    /// <summary>The error for a prompt the store does not hold.</summary>
    public static PromptException NoPrompt(string name, string store) => new(
        $"{Capitalise(store)} has no prompt named '{name}'. Publish a version of it first, or check the name.")
    {
        PromptName = name,
    };

    /// <summary>The error for removing a label the prompt does not have.</summary>
    public static PromptException NoLabel(string name, string label, IEnumerable<string> labels, string store)
    {
        var existing = string.Join(", ", labels.Order(StringComparer.Ordinal));
        return Error(name, label,
            $"Prompt '{name}' in {store} has no label '{label}' (labels: {(existing.Length == 0 ? "none" : existing)}). Check the label's name.");
    }

    /// <summary>Describes targets for people: <c>version 3</c>, or <c>version 3 (weight 90), version 4 (weight 10)</c>.</summary>
    public static string Describe(IReadOnlyList<PromptVersionWeight> targets)
    {
        if (targets.Count == 0)
        {
            return "nothing (no such label)";
        }

        if (targets.Count == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"version {targets[0].Version}");
        }

        var text = new StringBuilder();
        foreach (var target in targets)
        {
            text.Append(text.Length == 0 ? string.Empty : ", ")
                .Append(CultureInfo.InvariantCulture, $"version {target.Version} (weight {target.Weight})");
        }

        return text.ToString();
    }

    private static PromptException Error(string name, string label, string message) => new(message)
    {
        PromptName = name,
        Label = label,
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

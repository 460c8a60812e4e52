namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>The checks and messages of the write side.</summary>
internal static class AdminRules
{
    public static void ThrowIfInvalid(PromptVersion version)
    {
        foreach (var problem in PromptValidator.Validate(version))
        {
            throw problem;
        }
    }

    public static PromptConflictException PublishConflict(PromptVersion version, int latest) => new(
        $"Prompt '{version.Name}' version {version.Version} is already published with other content. Versions are immutable: publish it as version {latest + 1}.")
    {
        PromptName = version.Name,
        Version = version.Version,
    };

    public static void ThrowIfBadTargets(string name, string label, IReadOnlyList<PromptVersionWeight> targets)
    {
        if (targets.Count == 0)
        {
            throw new PromptException($"Label '{label}' of prompt '{name}' is given no version. Give it at least one.") { PromptName = name, Label = label };
        }

        foreach (var target in targets)
        {
            if (!(target.Weight > 0) || double.IsInfinity(target.Weight))
            {
                throw new PromptException($"Label '{label}' of prompt '{name}' gives version {target.Version} the weight {target.Weight}. Weights must be positive numbers.")
                {
                    PromptName = name,
                    Label = label,
                };
            }
        }
    }

    public static void ThrowIfMissingVersions(string name, string label, IReadOnlyList<PromptVersionWeight> targets, IReadOnlyList<int> versions)
    {
        foreach (var target in targets)
        {
            if (!versions.Contains(target.Version))
            {
                throw new PromptException(
                    $"Label '{label}' of prompt '{name}' cannot point to version {target.Version}, which does not exist (versions: {string.Join(", ", versions)}). Publish it first.")
                {
                    PromptName = name,
                    Label = label,
                    Version = target.Version,
                };
            }
        }
    }

    public static void ThrowIfUnexpected(string name, string label, IReadOnlyList<PromptVersionWeight>? expected, IReadOnlyList<PromptVersionWeight> actual)
    {
        if (expected is null || Same(expected, actual))
        {
            return;
        }

        throw new PromptConflictException(
            $"Label '{label}' of prompt '{name}' points to {Describe(actual)}, not {Describe(expected)} as expected: someone else moved it. Read it again and retry.")
        {
            PromptName = name,
            Label = label,
            Expected = expected,
            Actual = actual,
        };
    }

    public static PromptException NoSuchPrompt(string name) =>
        new($"The store has no prompt named '{name}'. Publish a version of it first.") { PromptName = name };

    public static PromptException NoSuchLabel(string name, string label) =>
        new($"Prompt '{name}' has no label '{label}'. Check the label's name.") { PromptName = name, Label = label };

    public static IReadOnlyList<PromptVersionWeight> RollbackTarget(
        string name, string label, IReadOnlyList<PromptVersionWeight> current, IReadOnlyList<PromptHistoryEntry> movesNewestFirst)
    {
        _ = current;
        if (movesNewestFirst.Count == 0)
        {
            throw new PromptException($"Label '{label}' of prompt '{name}' has never been moved, so there is nothing to roll back to.") { PromptName = name, Label = label };
        }

        return movesNewestFirst[0].Before;
    }

    private static bool Same(IReadOnlyList<PromptVersionWeight> left, IReadOnlyList<PromptVersionWeight> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (left[i].Version != right[i].Version || (right.Count > 1 && left[i].Weight != right[i].Weight))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(IReadOnlyList<PromptVersionWeight> targets) =>
        targets.Count == 0 ? "nothing" : string.Join(", ", targets.Select(static t => $"v{t.Version}"));
}

namespace LlmOps.Sdk.Prompts;

/// <summary>One write of a push: a version to publish, or a label to move.</summary>
/// <param name="Name">The prompt.</param>
/// <param name="Version">The version to publish; <see langword="null"/> for a label move.</param>
/// <param name="Label">The label to move; <see langword="null"/> for a publish.</param>
/// <param name="Before">The label's targets in the store now.</param>
/// <param name="After">The label's targets in the files.</param>
internal sealed record PromptPushStep(
    string Name, PromptVersion? Version, string? Label, IReadOnlyList<PromptVersionWeight> Before, IReadOnlyList<PromptVersionWeight> After)
{
    public override string ToString() => Version is { } version
        ? $"publish {Name} v{version.Version} ({version.ContentHash[..12]})"
        : $"label   {Name} {Label}: {Targets(Before)} -> {Targets(After)}";

    public static string Targets(IReadOnlyList<PromptVersionWeight> targets) => targets.Count == 0
        ? "(none)"
        : string.Join(",", targets.Select(t => targets.Count == 1 ? $"v{t.Version}" : FormattableString.Invariant($"v{t.Version}:{t.Weight}")));
}

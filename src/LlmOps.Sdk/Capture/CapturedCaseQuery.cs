namespace LlmOps.Sdk.Capture;

/// <summary>Which captured cases to read: one dataset, optionally narrowed; a <see langword="null"/> filter matches everything.</summary>
/// <param name="Dataset">The dataset.</param>
internal sealed record CapturedCaseQuery(string Dataset)
{
    public string? PromptName { get; init; }

    public int? PromptVersion { get; init; }

    public string? Reason { get; init; }

    /// <summary>Gets the earliest capture time to read, inclusive.</summary>
    public DateTimeOffset? Since { get; init; }
}

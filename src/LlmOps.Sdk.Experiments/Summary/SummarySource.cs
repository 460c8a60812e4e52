namespace LlmOps.Sdk.Experiments;

/// <summary>A results file a summary was computed from.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Label">The prefix given to the file's candidates when two files are compared, such as <c>before</c>; otherwise <see langword="null"/>.</param>
public sealed record SummarySource(string Path, string? Label = null);

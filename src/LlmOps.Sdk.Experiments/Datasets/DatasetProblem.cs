namespace LlmOps.Sdk.Experiments;

/// <summary>One problem found in a dataset: where it is and how to fix it.</summary>
/// <param name="Path">The dataset file, or <see langword="null"/> for a dataset built in code.</param>
/// <param name="Line">The 1-based line in <paramref name="Path"/>, when the problem has one.</param>
/// <param name="Field">The field or column involved, when the problem has one.</param>
/// <param name="Message">What is wrong and how to fix it, with the location spelled out.</param>
public sealed record DatasetProblem(string? Path, int? Line, string? Field, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}

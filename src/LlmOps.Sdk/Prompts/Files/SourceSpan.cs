namespace LlmOps.Sdk.Prompts;

/// <summary>Where something was written: a file, and a 1-based line and column in it.</summary>
/// <param name="FilePath">The file.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
internal readonly record struct SourceSpan(string FilePath, int Line, int Column)
{
    public override string ToString() => $"{FilePath}({Line},{Column})";

    public PromptException Error(string message, string? promptName = null, int? version = null, Exception? inner = null) =>
        new($"{this}: {message}", inner)
        {
            FilePath = FilePath,
            Line = Line,
            Column = Column,
            PromptName = promptName,
            Version = version,
        };
}

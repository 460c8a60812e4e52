namespace LlmOps.Sdk.Prompts;

/// <summary>Where a template's text starts in its file, to turn a template position into a file position.</summary>
/// <param name="Start">The file position of the template's first character.</param>
/// <param name="Indent">How many columns each later line of the template is indented by in the file.</param>
internal readonly record struct TemplateOrigin(SourceSpan Start, int Indent)
{
    /// <summary>Maps a 1-based line and column inside the template to the file.</summary>
    public SourceSpan Map(int line, int column) => line <= 1
        ? Start with { Column = Start.Column + column - 1 }
        : Start with { Line = Start.Line + line - 1, Column = Indent + column };
}

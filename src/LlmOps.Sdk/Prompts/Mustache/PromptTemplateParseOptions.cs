namespace LlmOps.Sdk.Prompts;

/// <summary>Settings for parsing a <see cref="PromptTemplate"/>.</summary>
public sealed record PromptTemplateParseOptions
{
    /// <summary>Gets the name that error messages give for the template, such as the prompt's name and version.</summary>
    /// <value>The default is <see langword="null"/>: errors then give only the line and column.</value>
    public string? Name { get; init; }
}

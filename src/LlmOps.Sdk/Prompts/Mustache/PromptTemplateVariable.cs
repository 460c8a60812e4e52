namespace LlmOps.Sdk.Prompts;

/// <summary>Describes a name that a template reads, so that declared variables can be checked against the template.</summary>
/// <param name="Path">The name as written in the tag, such as <c>customer.name</c>.</param>
/// <param name="IsInsideSection">
/// Whether the name is used inside a section, where it may resolve against the section's item rather than the variables
/// passed to <see cref="PromptTemplate.Render(object, PromptTemplateRenderOptions)"/>.
/// </param>
/// <param name="IsSection">Whether the name opens a section (<c>{{#name}}</c> or <c>{{^name}}</c>), so it may hold a list or a flag.</param>
public sealed record PromptTemplateVariable(string Path, bool IsInsideSection, bool IsSection)
{
    /// <summary>Gets the first segment of <see cref="Path"/>: the variable a caller has to supply.</summary>
    public string RootName
    {
        get
        {
            var dot = Path.IndexOf('.', StringComparison.Ordinal);
            return dot < 0 ? Path : Path[..dot];
        }
    }
}

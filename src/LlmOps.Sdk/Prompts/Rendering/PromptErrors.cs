namespace LlmOps.Sdk.Prompts;

/// <summary>Turns template errors into prompt errors that name the prompt, version, file, line and column.</summary>
internal static class PromptErrors
{
    public static PromptException FromTemplate(PromptVersion version, int messageIndex, PromptTemplateException error, string? label = null)
    {
        var origin = version.Origin is { } source && messageIndex < source.Templates.Count ? source.Templates[messageIndex] : (TemplateOrigin?)null;
        var at = origin?.Map(error.Line, error.Column);
        var where = at is { } span ? $"{span}: " : string.Empty;
        var labelText = label is null ? string.Empty : $" (label '{label}')";
        return new PromptException(
            $"{where}Prompt '{version.Name}' version {version.Version}{labelText}, message {messageIndex + 1}: {error.Message}", error)
        {
            PromptName = version.Name,
            Version = version.Version,
            Label = label,
            FilePath = at?.FilePath ?? version.Source,
            Line = at?.Line ?? error.Line,
            Column = at?.Column ?? error.Column,
        };
    }

    public static PromptException MissingRequired(PromptVersion version, string? label, IReadOnlyList<string> missing, PromptTemplateException? cause)
    {
        var labelText = label is null ? string.Empty : $" (label '{label}')";
        var names = string.Join(", ", missing.Select(static m => $"'{m}'"));
        return new PromptException(
            $"Prompt '{version.Name}' version {version.Version}{labelText} requires {(missing.Count == 1 ? "variable" : "variables")} {names}, which the call does not supply. " +
            "Pass them in the variables of WithPrompt, or give them a default in the prompt.", cause)
        {
            PromptName = version.Name,
            Version = version.Version,
            Label = label,
            FilePath = version.Source,
        };
    }
}

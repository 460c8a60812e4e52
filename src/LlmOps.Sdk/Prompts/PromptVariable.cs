namespace LlmOps.Sdk.Prompts;

/// <summary>Declares a variable that a prompt's templates use.</summary>
/// <param name="Name">The top-level variable name, as used in the templates.</param>
/// <param name="Required">Whether a call must supply it; a required variable has no default.</param>
/// <param name="Default">The value used when a call does not supply it, or <see langword="null"/> for none.</param>
/// <param name="Description">What the variable holds, for people who write calls.</param>
public sealed record PromptVariable(string Name, bool Required = true, string? Default = null, string? Description = null)
{
    /// <summary>Gets the default as structured data (a list or an object), when <see cref="Default"/> is its JSON text.</summary>
    internal System.Text.Json.JsonElement? DefaultValue { get; init; }

    /// <summary>Gets whether only a sample value names this variable: it gives a default, but declares nothing.</summary>
    internal bool IsSample { get; init; }
}

using System.Diagnostics.CodeAnalysis;

namespace LlmOps.Sdk.Prompts;

/// <summary>Finds the parsed template of a partial (<c>{{&gt; name}}</c>) while a template renders.</summary>
/// <remarks>
/// Rendering is synchronous, so lookups must be too: a resolver that loads partials from a store fetches them beforehand,
/// using <see cref="PromptTemplate.PartialNames"/>. Implementations must be thread-safe.
/// </remarks>
public interface IPartialTemplateResolver
{
    /// <summary>Gets the partial with the given name.</summary>
    /// <param name="name">The name written in the partial tag.</param>
    /// <param name="result">The parsed partial, when found.</param>
    /// <returns><see langword="true"/> when the partial was found.</returns>
    bool TryGetPartial(string name, [NotNullWhen(true)] out PromptTemplate? result);
}

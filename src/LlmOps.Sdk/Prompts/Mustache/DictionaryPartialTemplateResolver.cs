using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace LlmOps.Sdk.Prompts;

/// <summary>Resolves partials from a fixed set of parsed templates, matching names exactly.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DictionaryPartialTemplateResolver : IPartialTemplateResolver
{
    private readonly FrozenDictionary<string, PromptTemplate> _partials;

    /// <summary>Initializes a new instance of the <see cref="DictionaryPartialTemplateResolver"/> class.</summary>
    /// <param name="partials">The partials, by the name that partial tags use.</param>
    /// <exception cref="ArgumentException">A name is given twice, or a template is <see langword="null"/>.</exception>
    public DictionaryPartialTemplateResolver(IEnumerable<KeyValuePair<string, PromptTemplate>> partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        var map = new Dictionary<string, PromptTemplate>(StringComparer.Ordinal);
        foreach (var (name, template) in partials)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(partials));
            if (template is null)
            {
                throw new ArgumentException($"The partial '{name}' has no template. Give it a parsed PromptTemplate.", nameof(partials));
            }

            if (!map.TryAdd(name, template))
            {
                throw new ArgumentException($"The partial '{name}' is given twice. Give each name once.", nameof(partials));
            }
        }

        _partials = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets the names of the partials this resolver knows.</summary>
    public IReadOnlyCollection<string> Names => _partials.Keys;

    /// <summary>Parses each partial's text and returns a resolver for them.</summary>
    /// <param name="partials">The partials' template text, by name. Each partial is named after its key in errors.</param>
    /// <returns>A resolver for the parsed partials.</returns>
    /// <exception cref="PromptTemplateException">A partial's text is not a valid template.</exception>
    public static DictionaryPartialTemplateResolver Parse(IEnumerable<KeyValuePair<string, string>> partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        var parsed = new List<KeyValuePair<string, PromptTemplate>>();
        foreach (var (name, text) in partials)
        {
            parsed.Add(new(name, PromptTemplate.Parse(text, new PromptTemplateParseOptions { Name = name })));
        }

        return new DictionaryPartialTemplateResolver(parsed);
    }

    /// <inheritdoc/>
    public bool TryGetPartial(string name, [NotNullWhen(true)] out PromptTemplate? result) =>
        _partials.TryGetValue(name, out result);
}

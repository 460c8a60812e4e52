using System.Collections.Concurrent;

namespace LlmOps.Sdk.Prompts;

/// <summary>A prompt version parsed once: its chat template, its defaults and what it requires.</summary>
/// <remarks>Immutable and thread-safe; shared by every call that renders the version.</remarks>
internal sealed class CompiledPrompt
{
    /// <summary>How many parsed prompts the shared cache keeps before it starts over.</summary>
    internal const int CacheLimit = 4096;

    // Keyed by identity and content, so an edited file recompiles while reloads of unchanged files do not.
    private static readonly ConcurrentDictionary<(string Name, int Version, string Hash), CompiledPrompt> Cache = new();

    private CompiledPrompt(PromptVersion version, ChatPromptTemplate template)
    {
        Version = version;
        Template = template;
        Dictionary<string, object?>? defaults = null;
        List<string> required = [];
        foreach (var variable in version.Variables)
        {
            if (variable.Default is not null)
            {
                (defaults ??= new(StringComparer.Ordinal))[variable.Name] = variable.DefaultValue is { } structured ? structured : variable.Default;
            }
            else if (variable.Required)
            {
                required.Add(variable.Name);
            }
        }

        Defaults = defaults;
        Required = required;
    }

    public PromptVersion Version { get; }

    public ChatPromptTemplate Template { get; }

    /// <summary>The declared defaults, by name, or <see langword="null"/> when there are none.</summary>
    public IReadOnlyDictionary<string, object?>? Defaults { get; }

    /// <summary>The render options last made for this prompt, reused while a stage's settings match them.</summary>
    public PromptTemplateRenderOptions? RenderOptions { get; set; }

    /// <summary>The declared variables a call must supply.</summary>
    public IReadOnlyList<string> Required { get; }

    /// <summary>Gets the compiled form of a version, parsing it only the first time its content is seen.</summary>
    /// <exception cref="PromptException">A template does not parse; the message names the prompt, version, file, line and column.</exception>
    public static CompiledPrompt For(PromptVersion version) => version.Compiled ??= FromCache(version);

    /// <summary>Gets how many parsed prompts the shared cache holds.</summary>
    internal static int CachedCount => Cache.Count;

    private static CompiledPrompt FromCache(PromptVersion version)
    {
        // Versions in use keep their parse on themselves; the shared cache only spares re-parsing after a reload, so
        // starting it over when it is full costs a parse per prompt, where never evicting would grow with every edit.
        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd((version.Name, version.Version, version.ContentHash), static (_, v) => Compile(v), version);
    }

    private static CompiledPrompt Compile(PromptVersion version)
    {
        List<ChatPromptTemplateMessage> messages = [];
        for (var i = 0; i < version.Messages.Count; i++)
        {
            var message = version.Messages[i];
            try
            {
                var options = new PromptTemplateParseOptions { Name = $"prompt '{version.Name}' v{version.Version} message {i + 1} ({message.Role})" };
                messages.Add(new ChatPromptTemplateMessage(message.Role, PromptTemplate.Parse(message.Template, options)));
            }
            catch (PromptTemplateException error)
            {
                throw PromptErrors.FromTemplate(version, i, error);
            }
        }

        return new CompiledPrompt(version, new ChatPromptTemplate(messages));
    }
}

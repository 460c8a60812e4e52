namespace LlmOps.Sdk.Prompts;

/// <summary>Resolves, before rendering, every prompt a template includes as a partial, with the caller's label.</summary>
/// <remarks>Rendering stays synchronous: the registry is asked here, and the templates are handed over already parsed.</remarks>
internal static class PartialPrefetcher
{
    public static async ValueTask<IPartialTemplateResolver> ResolveAsync(
        IPromptRegistry registry, CompiledPrompt root, string label, int maxDepth, CancellationToken cancellationToken)
    {
        Dictionary<string, PromptTemplate> templates = new(StringComparer.Ordinal);
        List<(string Name, int Depth)> pending = [.. root.Template.PartialNames.Select(static n => (n, 1))];
        while (pending.Count > 0)
        {
            var (name, depth) = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (templates.ContainsKey(name) || depth > maxDepth)
            {
                continue; // the renderer reports a too-deep include with its own clear error
            }

            PromptResolution resolution;
            try
            {
                resolution = await registry.ResolveAsync(new PromptReference(name, label), cancellationToken);
            }
            catch (PromptException error)
            {
                throw new PromptException(
                    $"Prompt '{root.Version.Name}' version {root.Version.Version} includes the partial '{{{{> {name}}}}}' (label '{label}'), which could not be resolved: {error.Message}",
                    error)
                {
                    PromptName = root.Version.Name,
                    Version = root.Version.Version,
                    Label = label,
                    FilePath = root.Version.Source,
                };
            }

            var partial = CompiledPrompt.For(resolution.Prompt);
            if (partial.Template.Messages.Count != 1)
            {
                throw new PromptException(
                    $"Prompt '{root.Version.Name}' version {root.Version.Version} includes '{name}' as a partial, but '{name}' version {resolution.Prompt.Version} has {partial.Template.Messages.Count} messages. A partial must be a text prompt (one template).")
                {
                    PromptName = root.Version.Name,
                    Version = root.Version.Version,
                    Label = label,
                };
            }

            var template = partial.Template.Messages[0].Template;
            templates[name] = template;
            foreach (var nested in template.PartialNames)
            {
                pending.Add((nested, depth + 1));
            }
        }

        return new DictionaryPartialTemplateResolver(templates);
    }
}

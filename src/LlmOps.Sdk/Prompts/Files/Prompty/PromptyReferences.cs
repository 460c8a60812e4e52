using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Resolves the <c>${env:…}</c> and <c>${file:…}</c> references of a <c>.prompty</c> front matter, in place.</summary>
/// <remarks>
/// As the Prompty specification says (https://github.com/microsoft/prompty/blob/main/spec/spec.md, §2.11), a reference
/// is a whole string value, resolved wherever it appears. Connection settings are the exception: the host's
/// <see cref="IChatClient"/> owns the endpoint and the key, so <c>connection</c>, <c>bindings</c> and the v1
/// <c>model.configuration</c> (but its model name) are never read, and an API key named there is never looked up.
/// </remarks>
internal sealed partial class PromptyReferences(YamlDocument yaml, string directory, PromptyContext context, string promptName, int version)
{
    private const int MaxDepth = 8;

    private static readonly string[] ConfigurationKeysRead = ["name", "azure_deployment", "model"];

    public static void Resolve(YamlDocument yaml, YamlMappingNode front, PromptyContext context, string promptName, int version)
    {
        var references = new PromptyReferences(yaml, Path.GetDirectoryName(Path.GetFullPath(yaml.FilePath)) ?? context.Root, context, promptName, version);
        references.Mapping(front, depth: 0, parentKey: null);
    }

    private void Mapping(YamlMappingNode mapping, int depth, string? parentKey)
    {
        foreach (var (key, value) in mapping.Children.ToList())
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is "connection" or "bindings" || (parentKey == "configuration" && Array.IndexOf(ConfigurationKeysRead, name) < 0))
            {
                continue;
            }

            mapping.Children[key] = Node(value, depth, name);
        }
    }

    private YamlNode Node(YamlNode node, int depth, string? key)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                Mapping(mapping, depth, key);
                return mapping;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    sequence.Children[i] = Node(sequence.Children[i], depth, key);
                }

                return sequence;
            case YamlScalarNode { Value: { } text } scalar when Reference().Match(text) is { Success: true } match:
                return match.Groups[1].Value == "env"
                    ? Environment(scalar, match.Groups[2].Value)
                    : File(scalar, match.Groups[2].Value, depth, key);
            default:
                return node;
        }
    }

    private YamlScalarNode Environment(YamlScalarNode scalar, string content)
    {
        var colon = content.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? content : content[..colon];
        var fallback = colon < 0 ? string.Empty : content[(colon + 1)..];
        if (name.Length == 0)
        {
            throw yaml.At(scalar).Error(
                $"'{scalar.Value}' names no environment variable. Write ${{env:NAME}} or ${{env:NAME:default}}.", promptName, version);
        }

        var value = context.Environment(name);
        if (value is null && fallback.Length == 0)
        {
            throw yaml.At(scalar).Error(
                $"'{scalar.Value}' reads the environment variable '{name}', which is not set. Set it before the host starts, or give a default: ${{env:{name}:value}}.",
                promptName, version);
        }

        var resolved = new YamlScalarNode(value ?? fallback) { Style = scalar.Style };
        yaml.Moved(resolved, yaml.At(scalar));
        return resolved;
    }

    private YamlNode File(YamlScalarNode scalar, string relative, int depth, string? key)
    {
        var at = yaml.At(scalar);
        if (relative.Trim().Length == 0)
        {
            throw at.Error($"'{scalar.Value}' names no file. Write ${{file:name.json}}, relative to this file's folder.", promptName, version);
        }

        if (depth >= MaxDepth)
        {
            throw at.Error(
                $"'{scalar.Value}' is more than {MaxDepth} file references deep. Files that reference each other in a loop never end: break the loop.",
                promptName, version);
        }

        var full = Path.GetFullPath(Path.Combine(directory, relative));
        var root = Path.TrimEndingDirectorySeparator(context.Root) + Path.DirectorySeparatorChar;
        if (Path.IsPathRooted(relative) || !full.StartsWith(root, StringComparison.Ordinal))
        {
            throw at.Error(
                $"'{scalar.Value}' points outside the prompts directory '{context.Root}'. A prompt may read only files inside it: move the file there and use a relative path.",
                promptName, version);
        }

        if (new FileInfo(full) is { LinkTarget: not null } link
            && !Path.GetFullPath(link.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full).StartsWith(root, StringComparison.Ordinal))
        {
            throw at.Error(
                $"'{scalar.Value}' is a link to a file outside the prompts directory '{context.Root}'. Copy the file into the directory instead.",
                promptName, version);
        }

        string text;
        try
        {
            text = System.IO.File.ReadAllText(full);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw at.Error($"'{scalar.Value}' names the file '{full}', which does not exist. Create it, or fix the path (it is relative to this file's folder).", promptName, version, error);
        }

        var extension = Path.GetExtension(full).ToLowerInvariant();
        if (extension is not (".json" or ".yaml" or ".yml"))
        {
            var content = new YamlScalarNode(text) { Style = YamlDotNet.Core.ScalarStyle.Literal };
            yaml.Moved(content, at);
            return content;
        }

        // JSON is YAML, so one reader serves both, and an error in the referenced file names that file's line.
        var referenced = YamlDocument.Parse(full, text);
        if (referenced.Root is null)
        {
            throw at.Error($"'{scalar.Value}' names the file '{full}', which is empty. Give it a value, or remove the reference.", promptName, version);
        }

        Adopt(referenced, referenced.Root);
        return new PromptyReferences(yaml, Path.GetDirectoryName(full) ?? directory, context, promptName, version).Node(referenced.Root, depth + 1, key);
    }

    private void Adopt(YamlDocument from, YamlNode node)
    {
        foreach (var child in node.AllNodes)
        {
            yaml.Moved(child, from.At(child));
        }
    }

    [GeneratedRegex(@"^\$\{(env|file):(.*)\}$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Reference();
}

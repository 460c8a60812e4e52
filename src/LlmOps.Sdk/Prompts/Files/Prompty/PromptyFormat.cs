using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads a <c>.prompty</c> file: YAML front matter between <c>---</c> fences, then a body in role sections.</summary>
/// <remarks>
/// The front matter's <c>model</c> (<c>configuration.name</c> / <c>azure_deployment</c> / <c>model</c>, and
/// <c>parameters</c>), <c>inputs</c> and <c>metadata</c> are read; other keys that prompty tools use are accepted and
/// ignored. Body lines <c>system:</c>, <c>user:</c>, <c>assistant:</c> start sections; text before the first is a system
/// message. Templates are Mustache: a file whose <c>template</c> says jinja2 loads only when it uses no Jinja blocks.
/// </remarks>
internal static partial class PromptyFormat
{
    public static PromptVersion Parse(string filePath, string text, string promptName, int version)
    {
        var normalised = text.ReplaceLineEndings("\n");
        var lines = normalised.Split('\n');
        var fileStart = new SourceSpan(filePath, 1, 1);
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            throw fileStart.Error("A .prompty file starts with a '---' line, its YAML front matter, and another '---' line.", promptName, version);
        }

        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        if (close < 0)
        {
            throw fileStart.Error("The front matter opened on line 1 is never closed. Add a '---' line after it.", promptName, version);
        }

        var yaml = YamlDocument.Parse(filePath, string.Join('\n', lines[1..close]), lineOffset: 1);
        var front = yaml.Mapping(yaml.Root, "The front matter");
        PromptYamlFormat.CheckIdentity(yaml, front, promptName, version);
        CheckTemplateFormat(yaml, front, normalised);
        var (variables, variableSpans) = ReadInputs(yaml, YamlDocument.Get(front, "inputs"));
        List<TemplateOrigin> origins = [];
        var messages = ReadBody(filePath, lines, close + 1, origins);
        if (messages.Count == 0)
        {
            throw new SourceSpan(filePath, close + 2, 1).Error("The body has no messages. Write a 'system:' or 'user:' section after the front matter.", promptName, version);
        }

        return new PromptVersion(promptName, version, messages)
        {
            Model = ReadModel(yaml, YamlDocument.Get(front, "model")),
            Variables = variables,
            Metadata = ReadMetadata(yaml, front),
            Source = filePath,
            Origin = new PromptSource(fileStart, origins, variableSpans),
        };
    }

    private static void CheckTemplateFormat(YamlDocument yaml, YamlMappingNode front, string text)
    {
        var node = YamlDocument.Get(front, "template");
        var format = node switch
        {
            null => null,
            YamlMappingNode mapping => yaml.OptionalString(mapping, "format") ?? yaml.OptionalString(mapping, "type"),
            _ => yaml.Scalar(node, "'template'"),
        };
        if (format is null or "mustache")
        {
            return;
        }

        if (format is "jinja2" && !text.Contains("{%", StringComparison.Ordinal) && !text.Contains("{#", StringComparison.Ordinal))
        {
            return; // plain {{variable}} reads the same in Jinja2 and Mustache
        }

        throw yaml.At(node!).Error( // format is set only when the node exists
            $"This prompt's template format is '{format}', which LlmOps.Sdk does not render. Rewrite it in Mustache and set 'template: mustache'.");
    }

    private static List<PromptMessageTemplate> ReadBody(string filePath, string[] lines, int first, List<TemplateOrigin> origins)
    {
        List<PromptMessageTemplate> messages = [];
        var role = ChatRole.System;
        var start = first;
        for (var i = first; i <= lines.Length; i++)
        {
            var marker = i < lines.Length ? RoleMarker().Match(lines[i]) : Match.Empty;
            if (i < lines.Length && !marker.Success)
            {
                continue;
            }

            AddSection(filePath, lines, start, i, role, messages, origins);
            if (marker.Success)
            {
                role = marker.Groups[1].Value.ToLowerInvariant() switch
                {
                    "system" => ChatRole.System,
                    "user" => ChatRole.User,
                    "assistant" => ChatRole.Assistant,
                    _ => new ChatRole("developer"),
                };
                start = i + 1;
            }
        }

        return messages;
    }

    private static void AddSection(
        string filePath, string[] lines, int start, int end, ChatRole role, List<PromptMessageTemplate> messages, List<TemplateOrigin> origins)
    {
        // Blank lines around a section are layout, not content.
        while (start < end && string.IsNullOrWhiteSpace(lines[start]))
        {
            start++;
        }

        while (end > start && string.IsNullOrWhiteSpace(lines[end - 1]))
        {
            end--;
        }

        if (start < end)
        {
            messages.Add(new PromptMessageTemplate(role, string.Join('\n', lines[start..end])));
            origins.Add(new TemplateOrigin(new SourceSpan(filePath, start + 1, 1), 0));
        }
    }

    private static (IReadOnlyList<PromptVariable>, IReadOnlyDictionary<string, SourceSpan>) ReadInputs(YamlDocument yaml, YamlNode? node)
    {
        List<PromptVariable> variables = [];
        Dictionary<string, SourceSpan> spans = new(StringComparer.Ordinal);
        foreach (var (key, value) in yaml.Mapping(node, "'inputs'").Children)
        {
            var name = yaml.Scalar(key, "An input name");
            if (value is YamlMappingNode settings)
            {
                var defaultValue = yaml.OptionalString(settings, "default");
                var required = yaml.OptionalBool(settings, "required") ?? defaultValue is null;
                variables.Add(new PromptVariable(name, required, defaultValue, yaml.OptionalString(settings, "description")));
            }
            else
            {
                // The short form `name: value` gives a sample value, which serves as the default.
                var sample = YamlDocument.IsNull(value) ? null : yaml.Scalar(value, $"Input '{name}'");
                variables.Add(new PromptVariable(name, Required: sample is null, Default: sample));
            }

            spans[name] = yaml.At(key);
        }

        return (variables, spans);
    }

    private static PromptModelSettings? ReadModel(YamlDocument yaml, YamlNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var model = yaml.Mapping(node, "'model'");
        var configuration = yaml.Mapping(YamlDocument.Get(model, "configuration"), "'model.configuration'");
        var parameters = yaml.Mapping(YamlDocument.Get(model, "parameters"), "'model.parameters'");
        return new PromptModelSettings
        {
            ModelId = yaml.OptionalString(configuration, "name")
                ?? yaml.OptionalString(configuration, "azure_deployment")
                ?? yaml.OptionalString(configuration, "model"),
            Temperature = yaml.OptionalFloat(parameters, "temperature", 0, 2),
            TopP = yaml.OptionalFloat(parameters, "top_p", 0, 1),
            MaxOutputTokens = yaml.OptionalInt(parameters, "max_tokens", 1, 10_000_000)
                ?? yaml.OptionalInt(parameters, "max_completion_tokens", 1, 10_000_000),
            StopSequences = yaml.OptionalStringList(parameters, "stop"),
            ResponseFormat = ModelSettingsReader.ResponseFormat(yaml, YamlDocument.Get(parameters, "response_format"), null, null),
        };
    }

    private static Dictionary<string, string> ReadMetadata(YamlDocument yaml, YamlMappingNode front)
    {
        var metadata = PromptYamlFormat.ReadMetadata(yaml, YamlDocument.Get(front, "metadata"));
        if (yaml.OptionalString(front, "description") is { } description)
        {
            metadata.TryAdd("description", description);
        }

        return metadata;
    }

    [GeneratedRegex(@"^\s*#?\s*(system|user|assistant|developer)\s*:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleMarker();
}

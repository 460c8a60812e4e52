using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads a <c>.prompty</c> file, v1 or v2 as published: YAML front matter between <c>---</c> fences, then a body in role sections.</summary>
/// <remarks>
/// The format is specified at https://github.com/microsoft/prompty/blob/main/spec/spec.md (v2) and by Prompty.yaml at
/// https://github.com/microsoft/prompty/tree/python/0.1.50 (v1). The folder names the prompt; the file's <c>name</c>,
/// <c>displayName</c>, <c>description</c>, <c>version</c>, <c>authors</c>, <c>tags</c> and <c>metadata</c> are kept as
/// metadata. Body lines <c>system:</c>, <c>user:</c>, <c>assistant:</c> (with optional <c>[attributes]</c>) start
/// sections; text before the first is a system message. Templates are Mustache: a Jinja2 template loads when it uses
/// nothing Mustache would read differently, and is refused where it first does.
/// </remarks>
internal static partial class PromptyFormat
{
    private static readonly string[] MetadataKeys = ["name", "displayName", "description", "version", "authors", "tags", "base"];

    public static PromptVersion Parse(string filePath, string text, string promptName, int version, PromptyContext context)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var fileStart = new SourceSpan(filePath, 1, 1);
        var (yaml, front, bodyStart) = SplitFrontMatter(filePath, lines, promptName, version);
        PromptyReferences.Resolve(yaml, front, context, promptName, version);
        var (format, formatNode) = PromptyTemplateFormat.Read(yaml, front);
        List<TemplateOrigin> origins = [];
        var messages = ReadBody(filePath, lines, bodyStart, origins);
        if (messages.Count == 0)
        {
            throw new SourceSpan(filePath, Math.Min(bodyStart + 1, lines.Length), 1).Error(
                "The body has no messages. Write a 'system:' or 'user:' section after the front matter.", promptName, version);
        }

        CheckSyntax(format, formatNode is not null, messages, origins, promptName, version);
        var (variables, variableSpans) = PromptyProperties.Variables(yaml, PromptyProperties.Read(yaml, YamlDocument.Get(front, "inputs"), "'inputs'"));
        AddSamples(yaml, YamlDocument.Get(front, "sample"), variables);
        var outputs = PromptyProperties.Read(yaml, YamlDocument.Get(front, "outputs"), "'outputs'");
        var structured = outputs.Count == 0 ? null : ChatResponseFormat.ForJsonSchema(PromptyProperties.Schema(yaml, outputs, closed: true), "structured_output");
        var tools = PromptyTools.Read(yaml, YamlDocument.Get(front, "tools"), "'tools'");
        return new PromptVersion(promptName, version, messages)
        {
            Model = PromptyModel.Read(yaml, front, tools, structured),
            Variables = variables,
            Metadata = ReadMetadata(yaml, front),
            Source = filePath,
            Origin = new PromptSource(fileStart, origins, variableSpans),
        };
    }

    private static (YamlDocument Yaml, YamlMappingNode Front, int BodyStart) SplitFrontMatter(string filePath, string[] lines, string promptName, int version)
    {
        var open = 0;
        while (open < lines.Length && string.IsNullOrWhiteSpace(lines[open]))
        {
            open++;
        }

        if (open == lines.Length || !IsFence(lines[open]))
        {
            // The specification reads a file without front matter as a body alone (§2.2).
            return (YamlDocument.Parse(filePath, string.Empty), new YamlMappingNode(), 0);
        }

        var close = Array.FindIndex(lines, open + 1, IsFence);
        if (close < 0)
        {
            throw new SourceSpan(filePath, open + 1, 1).Error(
                $"The front matter opened on line {open + 1} is never closed. Add a '---' line after it.", promptName, version);
        }

        var yaml = YamlDocument.Parse(filePath, string.Join('\n', lines[(open + 1)..close]), lineOffset: open + 1);
        return (yaml, yaml.Mapping(yaml.Root, "The front matter"), close + 1);
    }

    private static bool IsFence(string line) => line.Trim() is "---" or "+++";

    private static void CheckSyntax(
        string format, bool formatWritten, List<PromptMessageTemplate> messages, List<TemplateOrigin> origins, string promptName, int version)
    {
        var jinja = PromptyTemplateFormat.IsJinja(format);
        for (var i = 0; i < messages.Count; i++)
        {
            if (JinjaSyntax.Find(messages[i].Template, jinja) is not { } construct)
            {
                continue;
            }

            var before = messages[i].Template.AsSpan(0, construct.Index);
            var line = before.Count('\n') + 1;
            var column = construct.Index - (before.LastIndexOf('\n') + 1) + 1;
            var why = !jinja
                ? "Mustache has no filters"
                : formatWritten
                    ? $"this file's template format is '{format}', and LlmOps.Sdk renders Mustache only"
                    : "a .prompty file without 'template' is Jinja2, and LlmOps.Sdk renders Mustache only";
            var fix = jinja ? " Then set 'template: mustache'." : string.Empty;
            throw origins[i].Map(line, column).Error(
                $"'{construct.Text}' is {construct.What}: {why}. Rewrite it in Mustache: {construct.Instead}.{fix}", promptName, version);
        }
    }

    private static void AddSamples(YamlDocument yaml, YamlNode? node, List<PromptVariable> variables)
    {
        if (node is not YamlMappingNode sample)
        {
            return; // v1 also allows a file name here, for its own test runner; it declares nothing
        }

        foreach (var (key, value) in sample.Children)
        {
            var name = yaml.Scalar(key, "A sample name");
            var index = variables.FindIndex(v => v.Name == name);
            if (index < 0)
            {
                variables.Add(PromptyProperties.WithDefault(yaml, new PromptVariable(name, Required: false) { IsSample = true }, value));
            }
            else if (variables[index].Default is null)
            {
                // v1 runtimes fill an input the call omits from the sample: it is the input's default.
                variables[index] = PromptyProperties.WithDefault(yaml, variables[index], value);
            }
        }
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

    private static Dictionary<string, string> ReadMetadata(YamlDocument yaml, YamlMappingNode front)
    {
        Dictionary<string, string> metadata = new(StringComparer.Ordinal);
        if (YamlDocument.Get(front, "metadata") is { } node)
        {
            foreach (var (key, value) in yaml.Mapping(node, "'metadata'").Children)
            {
                metadata[yaml.Scalar(key, "A metadata key")] = Text(value);
            }
        }

        foreach (var key in MetadataKeys)
        {
            if (YamlDocument.Get(front, key) is { } value && !YamlDocument.IsNull(value))
            {
                metadata.TryAdd(key, Text(value));
            }
        }

        return metadata;
    }

    // Lists of names (authors, tags) read best as one line; anything deeper keeps its structure as JSON.
    private static string Text(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? string.Empty,
        YamlSequenceNode list when list.Children.All(static c => c is YamlScalarNode) =>
            string.Join(", ", list.Children.Select(static c => ((YamlScalarNode)c).Value)),
        _ => YamlJson.ToJson(node).GetRawText(),
    };

    [GeneratedRegex(@"^\s*#?\s*(system|user|assistant|developer)(\[(\w+\s*=\s*""?[^""]*""?\s*,?\s*)+\])?\s*:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleMarker();
}

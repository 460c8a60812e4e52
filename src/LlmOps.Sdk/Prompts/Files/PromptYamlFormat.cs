using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads a prompt version written in the SDK's own YAML format (<c>v3.yaml</c>).</summary>
/// <example>
/// <code>
/// description: Answers a support question.
/// model: { id: gpt-4o-mini, temperature: 0.2, max_output_tokens: 400, seed: 7 }
/// cache: 01:00:00
/// variables:
///   customer: { description: The customer's first name }
///   tone: { default: friendly }
/// messages:
///   - role: system
///     content: You are a {{tone}} support agent.
///   - role: user
///     content: |
///       {{customer}} asks: {{question}}
/// </code>
/// </example>
internal static class PromptYamlFormat
{
    private static readonly string[] TopKeys = ["name", "version", "description", "model", "variables", "metadata", "messages", "text", PromptCacheSetting.Key];
    private static readonly string[] ModelKeys = ["id", "temperature", "top_p", "max_output_tokens", "stop", "response_format", "schema", "schema_name", "extras",
        "top_k", "frequency_penalty", "presence_penalty", "seed", "allow_multiple_tool_calls", "tools"];
    private static readonly string[] VariableKeys = ["required", "default", "description"];

    public static PromptVersion Parse(string filePath, string text, string promptName, int version)
    {
        var yaml = YamlDocument.Parse(filePath, text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var fileStart = new SourceSpan(filePath, 1, 1);
        if (yaml.Root is not YamlMappingNode root)
        {
            throw fileStart.Error("A prompt file must be a YAML mapping with 'messages' or 'text'. See the prompts section of the README.", promptName, version);
        }

        yaml.OnlyKeys(root, "a prompt file", TopKeys);
        CheckIdentity(yaml, root, promptName, version);
        var messages = YamlDocument.Get(root, "messages");
        var textNode = YamlDocument.Get(root, "text");
        if ((messages is null) == (textNode is null))
        {
            throw fileStart.Error("A prompt file needs exactly one of 'messages' (a chat prompt) or 'text' (one user message).", promptName, version);
        }

        var (variables, variableSpans) = ReadVariables(yaml, YamlDocument.Get(root, "variables"));
        List<TemplateOrigin> origins = [];
        var textTemplate = textNode is null ? null : Template(yaml, textNode, lines, origins, "'text'");
        var chat = textTemplate is null
            ? ReadMessages(yaml, messages!, lines, origins) // one of the two is set, checked above
            : [new PromptMessageTemplate(ChatRole.User, textTemplate)];
        return new PromptVersion(promptName, version, chat, textTemplate)
        {
            Model = ReadModel(yaml, YamlDocument.Get(root, "model")),
            Variables = variables,
            Metadata = ReadMetadata(yaml, YamlDocument.Get(root, "metadata")),
            Cache = PromptCacheSetting.Read(yaml, YamlDocument.Get(root, PromptCacheSetting.Key), promptName, version),
            Source = filePath,
            Origin = new PromptSource(fileStart, origins, variableSpans),
        };
    }

    internal static void CheckIdentity(YamlDocument yaml, YamlMappingNode root, string promptName, int version)
    {
        if (YamlDocument.Get(root, "name") is { } nameNode && yaml.Scalar(nameNode, "'name'") != promptName)
        {
            throw yaml.At(nameNode).Error(
                $"The file says name '{yaml.Scalar(nameNode, "'name'")}' but it is in the folder of prompt '{promptName}'. Move the file, or fix the name.",
                promptName, version);
        }

        if (YamlDocument.Get(root, "version") is { } versionNode && yaml.Scalar(versionNode, "'version'") != version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw yaml.At(versionNode).Error(
                $"The file says version {yaml.Scalar(versionNode, "'version'")} but its file name says version {version}. Make them agree.",
                promptName, version);
        }
    }

    internal static string Template(YamlDocument yaml, YamlNode node, string[] lines, List<TemplateOrigin> origins, string what)
    {
        var text = yaml.Scalar(node, what);
        origins.Add(OriginOf(yaml, (YamlScalarNode)node, lines));
        return text;
    }

    private static TemplateOrigin OriginOf(YamlDocument yaml, YamlScalarNode node, string[] lines)
    {
        var at = yaml.At(node);
        if (node.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            // Block content starts on the next line, indented; the indent is what YAML strips from each line.
            var firstLine = at.Line; // 1-based line of the indicator is at.Line; the content line index is the same 0-based
            var indent = firstLine < lines.Length ? lines[firstLine].Length - lines[firstLine].TrimStart(' ').Length : 0;
            return new TemplateOrigin(at with { Line = at.Line + 1, Column = indent + 1 }, indent);
        }

        var quoted = node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
        return new TemplateOrigin(at with { Column = at.Column + quoted }, at.Column - 1);
    }

    private static List<PromptMessageTemplate> ReadMessages(YamlDocument yaml, YamlNode node, string[] lines, List<TemplateOrigin> origins)
    {
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            throw yaml.At(node).Error("'messages' must be a list of { role, content } items, at least one.");
        }

        List<PromptMessageTemplate> messages = [];
        foreach (var item in sequence.Children)
        {
            var message = yaml.Mapping(item, "Each message");
            yaml.OnlyKeys(message, "a message", "role", "content");
            var roleNode = YamlDocument.Get(message, "role") ?? throw yaml.At(item).Error("This message has no 'role'. Use system, user, assistant or developer.");
            var contentNode = YamlDocument.Get(message, "content") ?? throw yaml.At(item).Error("This message has no 'content'. Give its template text.");
            messages.Add(new PromptMessageTemplate(Role(yaml, roleNode), Template(yaml, contentNode, lines, origins, "'content'")));
        }

        return messages;
    }

    internal static ChatRole Role(YamlDocument yaml, YamlNode node) => yaml.Scalar(node, "'role'").ToLowerInvariant() switch
    {
        "system" => ChatRole.System,
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        "developer" => new ChatRole("developer"),
        var other => throw yaml.At(node).Error($"Unknown role '{other}'. Use system, user, assistant or developer."),
    };

    private static (IReadOnlyList<PromptVariable>, IReadOnlyDictionary<string, SourceSpan>) ReadVariables(YamlDocument yaml, YamlNode? node)
    {
        List<PromptVariable> variables = [];
        Dictionary<string, SourceSpan> spans = new(StringComparer.Ordinal);
        foreach (var (key, value) in yaml.Mapping(node, "'variables'").Children)
        {
            var name = yaml.Scalar(key, "A variable name");
            var settings = yaml.Mapping(value, $"Variable '{name}'");
            yaml.OnlyKeys(settings, $"variable '{name}'", VariableKeys);
            var defaultValue = yaml.OptionalString(settings, "default");
            var required = yaml.OptionalBool(settings, "required") ?? defaultValue is null;
            if (required && defaultValue is not null)
            {
                throw yaml.At(key).Error($"Variable '{name}' is required and has a default. Remove 'required: true' or the default.");
            }

            variables.Add(new PromptVariable(name, required, defaultValue, yaml.OptionalString(settings, "description")));
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
        yaml.OnlyKeys(model, "'model'", ModelKeys);
        return new PromptModelSettings
        {
            ModelId = yaml.OptionalString(model, "id"),
            Temperature = yaml.OptionalFloat(model, "temperature", 0, 2),
            TopP = yaml.OptionalFloat(model, "top_p", 0, 1),
            TopK = yaml.OptionalInt(model, "top_k", 1, 10_000_000),
            MaxOutputTokens = yaml.OptionalInt(model, "max_output_tokens", 1, 10_000_000),
            FrequencyPenalty = yaml.OptionalFloat(model, "frequency_penalty", -2, 2),
            PresencePenalty = yaml.OptionalFloat(model, "presence_penalty", -2, 2),
            Seed = yaml.OptionalLong(model, "seed"),
            AllowMultipleToolCalls = yaml.OptionalBool(model, "allow_multiple_tool_calls"),
            Tools = PromptYamlTools.Read(yaml, YamlDocument.Get(model, "tools")),
            StopSequences = yaml.OptionalStringList(model, "stop"),
            ResponseFormat = ModelSettingsReader.ResponseFormat(
                yaml, YamlDocument.Get(model, "response_format"), YamlDocument.Get(model, "schema"), yaml.OptionalString(model, "schema_name")),
            Extras = ReadExtras(yaml, YamlDocument.Get(model, "extras")),
        };
    }

    private static Dictionary<string, object?>? ReadExtras(YamlDocument yaml, YamlNode? node)
    {
        if (node is null)
        {
            return null;
        }

        Dictionary<string, object?> extras = new(StringComparer.Ordinal);
        foreach (var (key, value) in yaml.Mapping(node, "'extras'").Children)
        {
            extras[yaml.Scalar(key, "An extras key")] = YamlJson.ToJson(value);
        }

        return extras;
    }

    internal static Dictionary<string, string> ReadMetadata(YamlDocument yaml, YamlNode? node)
    {
        Dictionary<string, string> metadata = new(StringComparer.Ordinal);
        foreach (var (key, value) in yaml.Mapping(node, "'metadata'").Children)
        {
            metadata[yaml.Scalar(key, "A metadata key")] = yaml.Scalar(value, $"Metadata '{yaml.Scalar(key, "A metadata key")}'");
        }

        return metadata;
    }
}

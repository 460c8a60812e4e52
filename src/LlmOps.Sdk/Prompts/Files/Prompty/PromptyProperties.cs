using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads <c>.prompty</c> property lists in both shapes, and turns them into variables or a JSON schema.</summary>
/// <remarks>
/// v2 writes a list of <c>{ name, kind, description, default, required, enumValues }</c>; v1 (and v2's short form)
/// a mapping of name to settings (<c>type</c> for <c>kind</c>) or to a sample value. See
/// https://github.com/microsoft/prompty/blob/main/spec/spec.md §2.7 and §7.1.4.
/// </remarks>
internal static class PromptyProperties
{
    private static readonly string[] RichKinds = ["thread", "image", "file", "audio"];

    public static List<PromptyProperty> Read(YamlDocument yaml, YamlNode? node, string what)
    {
        List<PromptyProperty> properties = [];
        switch (node)
        {
            case null:
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                {
                    var settings = yaml.Mapping(item, $"Each item of {what}");
                    var nameNode = YamlDocument.Get(settings, "name")
                        ?? throw yaml.At(item).Error($"This item of {what} has no 'name'. Give each item a name: '- name: question'.");
                    properties.Add(new PromptyProperty(yaml.Scalar(nameNode, "'name'"), yaml.At(nameNode), settings, null));
                }

                break;
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = yaml.Scalar(key, $"A name in {what}");
                    properties.Add(value is YamlMappingNode settings && !LooksLikeValue(settings)
                        ? new PromptyProperty(name, yaml.At(key), settings, null)
                        : new PromptyProperty(name, yaml.At(key), null, value));
                }

                break;
            default:
                if (!YamlDocument.IsNull(node))
                {
                    throw yaml.At(node).Error($"{what} must be a list of {{ name, kind, … }} items or a mapping of names to settings.");
                }

                break;
        }

        return properties;
    }

    /// <summary>Turns declared inputs into variables; a rich input (thread, image, file, audio) is refused.</summary>
    public static (List<PromptVariable> Variables, Dictionary<string, SourceSpan> Spans) Variables(YamlDocument yaml, List<PromptyProperty> inputs)
    {
        List<PromptVariable> variables = [];
        Dictionary<string, SourceSpan> spans = new(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (!spans.TryAdd(input.Name, input.At))
            {
                throw input.At.Error($"Input '{input.Name}' is declared twice. Remove one of them.");
            }

            if (input.Settings is not { } settings)
            {
                variables.Add(WithDefault(yaml, new PromptVariable(input.Name), input.Value));
                continue;
            }

            var kind = Kind(yaml, settings);
            if (Array.IndexOf(RichKinds, kind) >= 0)
            {
                throw input.At.Error(kind == "thread"
                    ? $"Input '{input.Name}' has kind 'thread'. LlmOps.Sdk puts the call's own messages after the prompt's: remove this input and its placeholder, and pass the conversation as the call's messages."
                    : $"Input '{input.Name}' has kind '{kind}', which LlmOps.Sdk does not render into a template. Remove the input, and send the {kind} as content of the call's own messages.");
            }

            var defaultNode = YamlDocument.Get(settings, "default");
            var declared = new PromptVariable(input.Name, Required: true, Description: yaml.OptionalString(settings, "description"));
            var variable = WithDefault(yaml, declared, defaultNode);
            if (yaml.OptionalBool(settings, "required") is { } required)
            {
                if (required && variable.Default is not null)
                {
                    throw input.At.Error($"Input '{input.Name}' is required and has a default. Remove 'required: true' or the default.");
                }

                variable = variable with { Required = required };
            }

            variables.Add(variable);
        }

        return (variables, spans);
    }

    /// <summary>Gives <paramref name="variable"/> the value of <paramref name="node"/> as its default, if there is one.</summary>
    public static PromptVariable WithDefault(YamlDocument yaml, PromptVariable variable, YamlNode? node)
    {
        if (node is null || YamlDocument.IsNull(node))
        {
            return variable;
        }

        if (node is YamlScalarNode)
        {
            return variable with { Required = false, Default = yaml.Scalar(node, $"The default of '{variable.Name}'") };
        }

        // A list or an object renders through sections as it would from the call; its JSON text is what the hash sees.
        var json = YamlJson.ToJson(node);
        return variable with { Required = false, Default = json.GetRawText(), DefaultValue = json };
    }

    /// <summary>Writes properties as a JSON schema object, as the specification's <c>schema_to_wire</c> does.</summary>
    public static JsonElement Schema(YamlDocument yaml, List<PromptyProperty> properties, bool closed)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteObject(json, yaml, properties, closed);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static void WriteObject(Utf8JsonWriter json, YamlDocument yaml, List<PromptyProperty> properties, bool closed)
    {
        json.WriteStartObject();
        json.WriteString("type", "object");
        json.WriteStartObject("properties");
        List<string> required = [];
        foreach (var property in properties)
        {
            json.WritePropertyName(property.Name);
            WriteProperty(json, yaml, property.Settings, property.Value, closed);
            if (property.Settings is { } settings && yaml.OptionalBool(settings, "required") == true)
            {
                required.Add(property.Name);
            }
        }

        json.WriteEndObject();
        if (required.Count > 0)
        {
            json.WriteStartArray("required");
            foreach (var name in required)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
        }

        if (closed)
        {
            json.WriteBoolean("additionalProperties", false);
        }

        json.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter json, YamlDocument yaml, YamlMappingNode? settings, YamlNode? value, bool closed)
    {
        if (settings is null)
        {
            json.WriteStartObject();
            json.WriteString("type", InferredType(value));
            json.WriteEndObject();
            return;
        }

        var type = Kind(yaml, settings) switch
        {
            "float" or "number" => "number",
            "" => null,
            var kind => kind,
        };
        if (type == "object" && Read(yaml, YamlDocument.Get(settings, "properties"), "'properties'") is { Count: > 0 } children)
        {
            WriteObject(json, yaml, children, closed);
            return;
        }

        json.WriteStartObject();
        if (type is not null)
        {
            json.WriteString("type", type);
        }

        if (yaml.OptionalString(settings, "description") is { } description)
        {
            json.WriteString("description", description);
        }

        if ((YamlDocument.Get(settings, "enumValues") ?? YamlDocument.Get(settings, "enum")) is YamlSequenceNode values)
        {
            json.WritePropertyName("enum");
            YamlJson.ToJson(values).WriteTo(json);
        }

        if (type == "array" && YamlDocument.Get(settings, "items") is YamlMappingNode items)
        {
            json.WritePropertyName("items");
            WriteProperty(json, yaml, items, null, closed);
        }

        json.WriteEndObject();
    }

    private static string Kind(YamlDocument yaml, YamlMappingNode settings) =>
        (yaml.OptionalString(settings, "kind") ?? yaml.OptionalString(settings, "type") ?? string.Empty).ToLowerInvariant();

    private static string InferredType(YamlNode? value) => value switch
    {
        YamlSequenceNode => "array",
        YamlMappingNode => "object",
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } => "boolean",
        YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text } when long.TryParse(text, out _) => "integer",
        YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text } when double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _) => "number",
        _ => "string",
    };

    // A mapping value in v1's `name: { … }` form is settings when it has one of the settings keys; otherwise it is an
    // object given as the sample value.
    private static bool LooksLikeValue(YamlMappingNode mapping)
    {
        foreach (var key in mapping.Children.Keys)
        {
            if (key is YamlScalarNode { Value: "type" or "kind" or "description" or "default" or "required" or "sample" or "example" or "enumValues" or "items" or "properties" })
            {
                return false;
            }
        }

        return mapping.Children.Count > 0;
    }
}

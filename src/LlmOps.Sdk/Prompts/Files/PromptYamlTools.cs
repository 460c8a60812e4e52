using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads and writes the <c>tools</c> of a prompt file's <c>model</c>: function declarations the model is offered, which the app runs.</summary>
/// <remarks>
/// Each tool is <c>{ name, description, parameters }</c>, where <c>parameters</c> is the JSON schema of its arguments,
/// written as YAML or as JSON text in a string. The content hash covers the schema's exact JSON text, so the writer
/// uses the YAML form only when it reads back as the same text, and the JSON string otherwise.
/// </remarks>
internal static class PromptYamlTools
{
    private const string EmptySchema = """{"type":"object","properties":{}}""";
    private static readonly string[] ToolKeys = ["name", "description", "parameters"];

    public static List<AITool>? Read(YamlDocument yaml, YamlNode? node)
    {
        if (node is null || YamlDocument.IsNull(node))
        {
            return null;
        }

        if (node is not YamlSequenceNode list)
        {
            throw yaml.At(node).Error("'tools' must be a list of tools: '- name: get_weather', with 'description' and 'parameters' (a JSON schema).");
        }

        List<AITool> tools = [];
        HashSet<string> names = new(StringComparer.Ordinal);
        foreach (var item in list.Children)
        {
            var tool = yaml.Mapping(item, "Each tool");
            yaml.OnlyKeys(tool, "a tool", ToolKeys);
            var name = yaml.OptionalString(tool, "name") is { Length: > 0 } given
                ? given
                : throw yaml.At(item).Error("This tool has no 'name'. Give each tool the name the model calls it by.");
            if (!names.Add(name))
            {
                throw yaml.At(item).Error($"Two tools are named '{name}'. Tool names must be unique: rename one.");
            }

            tools.Add(AIFunctionFactory.CreateDeclaration(name, yaml.OptionalString(tool, "description"), Schema(yaml, name, YamlDocument.Get(tool, "parameters"))));
        }

        return tools.Count == 0 ? null : tools;
    }

    private static JsonElement Schema(YamlDocument yaml, string name, YamlNode? node)
    {
        if (node is null || YamlDocument.IsNull(node))
        {
            using var empty = JsonDocument.Parse(EmptySchema);
            return empty.RootElement.Clone();
        }

        if (node is YamlMappingNode)
        {
            return YamlJson.ToJson(node);
        }

        var text = yaml.Scalar(node, $"The parameters of tool '{name}'");
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw yaml.At(node).Error($"The parameters of tool '{name}' are not a JSON object. Give a JSON schema such as {{ type: object, properties: {{ city: {{ type: string }} }} }}.");
        }
        catch (JsonException error)
        {
            throw yaml.At(node).Error(
                $"The parameters of tool '{name}' are a string but not valid JSON ({error.Message}). Write the JSON schema as YAML, or as JSON text in quotes.");
        }
    }

    /// <summary>Appends the <c>tools</c> key, indented under <c>model</c>.</summary>
    /// <exception cref="NotSupportedException">A tool is not a function declaration.</exception>
    public static void Write(StringBuilder yaml, PromptVersion version, IReadOnlyList<AITool> tools, Func<JsonElement, string> flow)
    {
        yaml.Append("\n  tools:");
        foreach (var tool in tools)
        {
            if (tool is not AIFunctionDeclaration function)
            {
                throw new NotSupportedException(
                    $"Prompt '{version.Name}' v{version.Version} offers tool '{tool.Name}' ({tool.GetType().Name}), which the YAML prompt format cannot hold: it holds function declarations only. Nothing was exported; offer that tool in code through ChatOptions.Tools.");
            }

            yaml.Append("\n    - name: ").Append(PromptYamlWriter.Quote(function.Name));
            if (!string.IsNullOrEmpty(function.Description))
            {
                yaml.Append("\n      description: ").Append(PromptYamlWriter.Quote(function.Description));
            }

            yaml.Append("\n      parameters: ").Append(Parameters(function.JsonSchema, flow));
        }
    }

    // YAML when it reads back as the same JSON text (the hash covers that text), else the JSON text itself, quoted.
    private static string Parameters(JsonElement schema, Func<JsonElement, string> flow)
    {
        var raw = schema.GetRawText();
        var asYaml = flow(schema);
        YamlDocument back;
        try
        {
            back = YamlDocument.Parse("parameters", $"parameters: {asYaml}\n");
        }
        catch (PromptException)
        {
            return PromptYamlWriter.Quote(raw);
        }

        return back.Root is YamlMappingNode root && YamlDocument.Get(root, "parameters") is YamlMappingNode node
            && string.Equals(YamlJson.ToJson(node).GetRawText(), raw, StringComparison.Ordinal)
            ? asYaml
            : PromptYamlWriter.Quote(raw);
    }
}

using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads the response format written in a prompt file: <c>text</c>, <c>json</c>, or a JSON schema.</summary>
internal static class ModelSettingsReader
{
    public static ChatResponseFormat? ResponseFormat(YamlDocument yaml, YamlNode? node, YamlNode? schema, string? schemaName)
    {
        if (schema is not null)
        {
            return ChatResponseFormat.ForJsonSchema(YamlJson.ToJson(schema), schemaName ?? "response");
        }

        if (node is null || YamlDocument.IsNull(node))
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            // The OpenAI shape that .prompty files use: { type: json_object | text | json_schema, json_schema: { name, schema } }.
            var type = yaml.OptionalString(mapping, "type");
            if (type == "json_schema" && YamlDocument.Get(mapping, "json_schema") is YamlMappingNode jsonSchema
                && YamlDocument.Get(jsonSchema, "schema") is { } inner)
            {
                return ChatResponseFormat.ForJsonSchema(YamlJson.ToJson(inner), yaml.OptionalString(jsonSchema, "name") ?? "response");
            }

            return Named(yaml, node, type);
        }

        return Named(yaml, node, yaml.Scalar(node, "'response_format'"));
    }

    private static ChatResponseFormat Named(YamlDocument yaml, YamlNode node, string? name) => name switch
    {
        "text" => ChatResponseFormat.Text,
        "json" or "json_object" => ChatResponseFormat.Json,
        _ => throw yaml.At(node).Error(
            $"Unknown response_format '{name}'. Use text, json, or give a JSON schema under 'schema'."),
    };
}

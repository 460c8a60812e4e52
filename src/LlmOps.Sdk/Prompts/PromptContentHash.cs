using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace LlmOps.Sdk.Prompts;

/// <summary>Hashes what a prompt version sends to the model, in a canonical form that ignores line endings and ordering of declarations.</summary>
internal static class PromptContentHash
{
    public static string Compute(PromptVersion prompt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", prompt.Text is null ? "chat" : "text");
            json.WriteStartArray("messages");
            foreach (var message in prompt.Messages)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role.Value);
                json.WriteString("template", Normalise(message.Template));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteModel(json, prompt.Model);
            json.WriteStartArray("variables");
            var variables = prompt.Variables.OrderBy(v => v.Name, StringComparer.Ordinal);
            foreach (var variable in variables)
            {
                json.WriteStartObject();
                json.WriteString("name", variable.Name);
                json.WriteBoolean("required", variable.Required);
                json.WriteString("default", variable.Default);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    private static void WriteModel(Utf8JsonWriter json, PromptModelSettings? model)
    {
        json.WriteStartObject("model");
        if (model is not null)
        {
            json.WriteString("id", model.ModelId);
            WriteNumber(json, "temperature", model.Temperature);
            WriteNumber(json, "top_p", model.TopP);
            WriteNumber(json, "max_output_tokens", model.MaxOutputTokens);
            json.WriteStartArray("stop");
            foreach (var stop in model.StopSequences ?? [])
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
            json.WriteString("response_format", model.ResponseFormat switch
            {
                null => null,
                ChatResponseFormatText => "text",
                ChatResponseFormatJson { Schema: null } => "json",
                ChatResponseFormatJson schema => $"json_schema:{schema.SchemaName}:{schema.Schema.Value.GetRawText()}",
                var other => other.GetType().Name,
            });
            json.WriteStartObject("extras");
            foreach (var (key, value) in (model.Extras ?? new Dictionary<string, object?>()).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value switch
                {
                    null => null,
                    JsonElement element => element.GetRawText(),
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                });
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            // Round-trip text of the float, so 0.2f hashes the same whether it came from YAML or code.
            json.WriteString(name, ((float)number).ToString("R", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Normalise(string template) => template.ReplaceLineEndings("\n");
}

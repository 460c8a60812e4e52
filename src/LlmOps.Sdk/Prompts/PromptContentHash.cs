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
            WriteSince(json, model);
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

    // Settings added after hashes were first stored are written only when set, so existing versions keep their hash.
    private static void WriteSince(Utf8JsonWriter json, PromptModelSettings model)
    {
        if (model.TopK is { } topK)
        {
            json.WriteNumber("top_k", topK);
        }

        if (model.FrequencyPenalty is not null)
        {
            WriteNumber(json, "frequency_penalty", model.FrequencyPenalty);
        }

        if (model.PresencePenalty is not null)
        {
            WriteNumber(json, "presence_penalty", model.PresencePenalty);
        }

        if (model.Seed is { } seed)
        {
            json.WriteNumber("seed", seed);
        }

        if (model.AllowMultipleToolCalls is { } multiple)
        {
            json.WriteBoolean("allow_multiple_tool_calls", multiple);
        }

        if (model.Tools is { Count: > 0 } tools)
        {
            json.WriteStartArray("tools");
            foreach (var tool in tools)
            {
                json.WriteStartObject();
                json.WriteString("name", tool.Name);
                json.WriteString("description", tool.Description);
                if (tool is AIFunctionDeclaration function)
                {
                    json.WriteString("schema", function.JsonSchema.GetRawText());
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
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

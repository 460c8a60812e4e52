using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts.Mustache;
using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Capture;

/// <summary>Writes a captured call as one dataset item of the experiments' JSON Lines format.</summary>
/// <remarks>
/// The item is <c>{"id", "variables", "expected", "metadata"}</c>, the fields the dataset loader reads: the prompt's
/// variables, the correction from feedback as the expected answer, and everything else (prompt, version, messages,
/// response, scores, feedback) in <c>metadata</c>, which the loader keeps as text. With a redactor, every text of the
/// call passes it, and feedback's user ids are left out.
/// </remarks>
internal static class CaptureLine
{
    public static byte[] Serialize(CapturedCall call, IRedactor? redactor)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", call.ResponseId);
            writer.WritePropertyName("variables");
            WriteVariables(writer, call.Variables, redactor);
            if (call.Correction is { } correction)
            {
                writer.WriteString("expected", Protect(correction, redactor));
            }

            writer.WriteStartObject("metadata");
            WriteIfSet(writer, "prompt_name", call.PromptName);
            if (call.PromptVersion is { } version)
            {
                writer.WriteNumber("prompt_version", version);
            }

            writer.WriteString("response_id", call.ResponseId);
            WriteIfSet(writer, "model", call.ModelId ?? call.Response.ModelId);
            WriteIfSet(writer, "trace_id", call.TraceId);
            writer.WriteString("capture_reason", call.Reason);
            writer.WriteString("captured_at", call.CapturedAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteStartArray("messages");
            foreach (var message in call.Messages)
            {
                WriteMessage(writer, message, redactor);
            }

            writer.WriteEndArray();
            writer.WriteString("response", Protect(call.Response.Text, redactor));
            WriteRecords(writer, "scores", call.Records, human: false, redactor);
            WriteRecords(writer, "feedback", call.Records, human: true, redactor);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message, IRedactor? redactor)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role.Value);
        writer.WriteString("text", Protect(message.Text, redactor));
        writer.WriteEndObject();
    }

    private static void WriteRecords(Utf8JsonWriter writer, string name, IReadOnlyList<EvaluationRecord> records, bool human, IRedactor? redactor)
    {
        writer.WriteStartArray(name);
        foreach (var record in records)
        {
            if ((record.Source == EvaluationRecord.HumanSource) != human)
            {
                continue;
            }

            foreach (var score in record.Scores)
            {
                writer.WriteStartObject();
                writer.WriteString("evaluator", record.EvaluatorName);
                writer.WriteString("name", score.Name);
                if (score.Value is { } value && double.IsFinite(value))
                {
                    writer.WriteNumber("value", value);
                }

                WriteIfSet(writer, "label", score.Label);
                WriteIfSet(writer, "error_type", score.ErrorType);
                if (score.Explanation is { } explanation)
                {
                    // A person's comment is user data; an evaluator's explanation must not repeat any.
                    writer.WriteString(human ? "comment" : "explanation", human ? Protect(explanation, redactor) : explanation);
                }

                if (human && redactor is null && record.UserId is { } userId)
                {
                    writer.WriteString("user_id", userId);
                }

                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteVariables(Utf8JsonWriter writer, object? variables, IRedactor? redactor)
    {
        // The loader wants an object: a call without a prompt, or with variables that are not an object, gets an empty one.
        if (variables is null or string || (variables is JsonElement element && element.ValueKind != JsonValueKind.Object))
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        WriteValue(writer, variables, redactor, depth: 0);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, IRedactor? redactor, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(Protect(text, redactor));
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case ulong number:
                writer.WriteNumberValue(number);
                return;
            case decimal number:
                writer.WriteNumberValue(number);
                return;
            case double or float:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(real))
                {
                    writer.WriteNumberValue(real);
                }
                else
                {
                    writer.WriteStringValue(real.ToString(CultureInfo.InvariantCulture));
                }

                return;
            case JsonElement element:
                WriteElement(writer, element, redactor);
                return;
            case JsonNode node:
                using (var document = JsonDocument.Parse(node.ToJsonString()))
                {
                    WriteElement(writer, document.RootElement, redactor);
                }

                return;
            case IFormattable formattable when value is DateTime or DateTimeOffset or Guid or TimeSpan or Enum:
                writer.WriteStringValue(Protect(formattable.ToString(null, CultureInfo.InvariantCulture), redactor));
                return;
        }

        if (depth >= CaptureConstants.MaxVariableDepth)
        {
            writer.WriteStringValue(Protect(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, redactor));
            return;
        }

        if (value is IDictionary or IEnumerable<KeyValuePair<string, object?>> || value is not IEnumerable)
        {
            WriteMembers(writer, value, redactor, depth);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in (IEnumerable)value)
        {
            WriteValue(writer, item, redactor, depth + 1);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a dictionary or an object by the names the templates read, through the templates' own accessors.</summary>
    private static void WriteMembers(Utf8JsonWriter writer, object value, IRedactor? redactor, int depth)
    {
        var accessor = TypeAccessor.ForRuntimeType(value.GetType());
        writer.WriteStartObject();
        foreach (var name in TypeAccessor.NamesOf(new ContextValue(value)))
        {
            if (!accessor.GetMember(name).TryGetValue(value, out var member))
            {
                continue;
            }

            writer.WritePropertyName(name);
            if (member.IsJson)
            {
                WriteElement(writer, member.Json, redactor);
            }
            else
            {
                WriteValue(writer, member.Object, redactor, depth + 1);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement element, IRedactor? redactor)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(Protect(element.GetString()!, redactor)); // a String element always has a string
                return;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteElement(writer, property.Value, redactor);
                }

                writer.WriteEndObject();
                return;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(writer, item, redactor);
                }

                writer.WriteEndArray();
                return;
            default:
                element.WriteTo(writer);
                return;
        }
    }

    private static string Protect(string text, IRedactor? redactor) => redactor is null ? text : redactor.Redact(text);

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}

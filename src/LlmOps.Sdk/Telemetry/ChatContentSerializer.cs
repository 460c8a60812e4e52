using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Writes messages, instructions and tool definitions in the GenAI conventions' JSON shape, redacted.</summary>
/// <remarks>
/// The shape is the one <c>OpenTelemetryChatClient</c> writes (<c>[{"role":…,"parts":[{"type":"text","content":…}]}]</c>),
/// so backends that render it keep working. Unlike it, every string passes the <see cref="ContentCleaner"/> (redaction, then a length cap) first (text,
/// tool arguments and results down to each nested string value, URIs, error messages), binary data is described but
/// never written, and content types the conventions do not know are named without their data.
/// </remarks>
internal static class ChatContentSerializer
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <c>gen_ai.input.messages</c> or, with a finish reason, <c>gen_ai.output.messages</c>.</summary>
    public static string SerializeMessages(IEnumerable<ChatMessage> messages, ChatFinishReason? finishReason, bool isOutput, ContentCleaner cleaner)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", RoleName(message.Role));
                if (message.AuthorName is { } name)
                {
                    writer.WriteString("name", cleaner.Clean(name));
                }

                writer.WriteStartArray("parts");
                foreach (var content in message.Contents)
                {
                    WritePart(writer, content, cleaner);
                }

                writer.WriteEndArray();
                if (isOutput && FinishReasonName(finishReason) is { } reason)
                {
                    writer.WriteString("finish_reason", reason);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <c>gen_ai.system_instructions</c>: one text part.</summary>
    public static string SerializeInstructions(string instructions, ContentCleaner cleaner)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            WriteTextPart(writer, "text", cleaner.Clean(instructions));
            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <c>gen_ai.tool.definitions</c>; descriptions and parameter schemas only with content capture on.</summary>
    public static string SerializeToolDefinitions(IList<AITool> tools, bool includeContent, ContentCleaner cleaner)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var tool in tools)
            {
                writer.WriteStartObject();
                if (tool.GetService<AIFunctionDeclaration>() is { } function)
                {
                    writer.WriteString("type", "function");
                    writer.WriteString("name", function.Name);
                    if (includeContent)
                    {
                        if (!string.IsNullOrEmpty(function.Description))
                        {
                            writer.WriteString("description", cleaner.Clean(function.Description));
                        }

                        writer.WritePropertyName("parameters");
                        WriteRedacted(writer, function.JsonSchema, cleaner);
                    }
                }
                else
                {
                    writer.WriteString("type", tool.Name);
                    writer.WriteString("name", tool.Name);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WritePart(Utf8JsonWriter writer, AIContent content, ContentCleaner cleaner)
    {
        switch (content)
        {
            case TextContent text when !string.IsNullOrWhiteSpace(text.Text):
                WriteTextPart(writer, "text", cleaner.Clean(text.Text));
                break;
            case TextContent:
                break;
            case TextReasoningContent reasoning when !string.IsNullOrWhiteSpace(reasoning.Text):
                WriteTextPart(writer, "reasoning", cleaner.Clean(reasoning.Text));
                break;
            case TextReasoningContent:
                break;
            case FunctionCallContent call:
                writer.WriteStartObject();
                writer.WriteString("type", "tool_call");
                writer.WriteString("id", call.CallId);
                writer.WriteString("name", call.Name);
                if (call.Arguments is not null)
                {
                    writer.WritePropertyName("arguments");
                    WriteRedacted(writer, call.Arguments, cleaner);
                }

                writer.WriteEndObject();
                break;
            case FunctionResultContent result:
                writer.WriteStartObject();
                writer.WriteString("type", "tool_call_response");
                writer.WriteString("id", result.CallId);
                if (result.Result is not null)
                {
                    writer.WritePropertyName("response");
                    WriteRedacted(writer, result.Result, cleaner);
                }

                writer.WriteEndObject();
                break;
            case DataContent data:
                // Binary data cannot pass a text redactor (a scanned passport is personal data), so only its kind is recorded.
                WriteMediaPart(writer, "blob", data.MediaType, uri: null, fileId: null);
                break;
            case UriContent uri:
                WriteMediaPart(writer, "uri", uri.MediaType, cleaner.Clean(uri.Uri.OriginalString), fileId: null);
                break;
            case HostedFileContent file:
                WriteMediaPart(writer, "file", file.MediaType, uri: null, file.FileId);
                break;
            case ErrorContent error:
                WriteTextPart(writer, "error", cleaner.Clean(error.Message));
                break;
            default:
                // Content the conventions do not define is named, never dumped: its properties may hold anything.
                writer.WriteStartObject();
                writer.WriteString("type", content.GetType().FullName);
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteTextPart(Utf8JsonWriter writer, string type, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }

    private static void WriteMediaPart(Utf8JsonWriter writer, string type, string? mediaType, string? uri, string? fileId)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        if (uri is not null)
        {
            writer.WriteString("uri", uri);
        }

        if (fileId is not null)
        {
            writer.WriteString("file_id", fileId);
        }

        if (mediaType is not null)
        {
            writer.WriteString("mime_type", mediaType);
            if (Modality(mediaType) is { } modality)
            {
                writer.WriteString("modality", modality);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteRedacted(Utf8JsonWriter writer, object value, ContentCleaner cleaner)
    {
        JsonElement element;
        try
        {
            element = value is JsonElement json ? json : JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException or ArgumentException)
        {
            // A value the AI serializer cannot describe is left out rather than written raw.
            writer.WriteNullValue();
            return;
        }

        WriteRedacted(writer, element, cleaner);
    }

    private static void WriteRedacted(Utf8JsonWriter writer, JsonElement element, ContentCleaner cleaner)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteRedacted(writer, property.Value, cleaner);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteRedacted(writer, item, cleaner);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(cleaner.Clean(element.GetString()!)); // a String element always has a value
                break;
            case JsonValueKind.Number:
                // A number can be personal data too (a card number sent as a JSON number), so it is checked as text.
                var raw = element.GetRawText();
                var redacted = cleaner.Clean(raw);
                if (ReferenceEquals(raw, redacted) || raw == redacted)
                {
                    element.WriteTo(writer);
                }
                else
                {
                    writer.WriteStringValue(redacted);
                }

                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string RoleName(ChatRole role) =>
        role == ChatRole.Assistant ? "assistant"
        : role == ChatRole.Tool ? "tool"
        : role == ChatRole.System || role.Value == "developer" ? "system"
        : "user";

    internal static string? FinishReasonName(ChatFinishReason? reason) =>
        reason?.Value is null ? null
        : reason == ChatFinishReason.Length ? "length"
        : reason == ChatFinishReason.ContentFilter ? "content_filter"
        : reason == ChatFinishReason.ToolCalls ? "tool_call"
        : "stop";

    private static string? Modality(string mediaType) =>
        mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? "image"
        : mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ? "audio"
        : mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) ? "video"
        : null;
}

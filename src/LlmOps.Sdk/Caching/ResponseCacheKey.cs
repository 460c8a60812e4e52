using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LlmOps.Sdk.Pipeline;

namespace LlmOps.Sdk.Caching;

/// <summary>Builds the cache key of a call: a SHA-256 of everything that changes the answer, written canonically.</summary>
/// <remarks>
/// <para>
/// The key material is the provider (name, endpoint, default model), the prompt version's content hash, the messages
/// (as Microsoft.Extensions.AI serializes them) and every <see cref="ChatOptions"/> property in a fixed order, with
/// <see cref="ChatOptions.AdditionalProperties"/> sorted by key. Entries under <c>llmops.</c> steer our own stages and
/// are left out. The material is hashed and thrown away: the rendered messages, which may hold personal data, are
/// never part of the key itself, so a shared cache (Redis) never sees them in its key space.
/// </para>
/// <para>
/// A call whose answer depends on something the key cannot see is not cached at all: a server-side conversation
/// (<see cref="ChatOptions.ConversationId"/>), a background response or its continuation, a
/// <see cref="ChatOptions.RawRepresentationFactory"/>, or a value that does not serialize. <c>ResponseCacheKeyTests</c>
/// fails when <see cref="ChatOptions"/> gains a property that is not written here.
/// </para>
/// </remarks>
internal static class ResponseCacheKey
{
    private static readonly JsonSerializerOptions Json = AIJsonUtilities.DefaultOptions;

    /// <summary>Stands in for a call without options; never changed.</summary>
    private static readonly ChatOptions NoOptions = new();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    /// <summary>Computes the key of a call, or returns <see langword="null"/> when the call cannot be cached.</summary>
    /// <param name="prefix">The configured key prefix.</param>
    /// <param name="provider">The provider's metadata, or <see langword="null"/>.</param>
    /// <param name="messages">The messages the provider would be sent.</param>
    /// <param name="options">The options it would be sent.</param>
    /// <returns>The key, or <see langword="null"/>.</returns>
    public static string? TryCompute(string prefix, ChatClientMetadata? provider, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (options is not null && (options.ConversationId is not null || options.ContinuationToken is not null
            || options.AllowBackgroundResponses == true || options.RawRepresentationFactory is not null))
        {
            return null;
        }

        // One buffer and writer per thread: a key is built synchronously, so nothing else can use them meanwhile.
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = _threadWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(buffer);
        try
        {
            Write(writer, provider, messages, options);
            writer.Flush();
        }
        catch (NotSupportedException)
        {
            return null; // a content or property value with no JSON contract: the key could not tell two calls apart
        }
        catch (JsonException)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        if (buffer.Capacity > 1 << 20)
        {
            _threadBuffer = null; // do not keep a huge conversation's buffer alive on this thread
        }

        return string.Concat(prefix, ResponseCacheConstants.FormatVersion, Convert.ToHexStringLower(hash));
    }

    private static void Write(Utf8JsonWriter writer, ChatClientMetadata? provider, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(provider?.ProviderName);
        writer.WriteStringValue(provider?.ProviderUri?.AbsoluteUri);
        writer.WriteStringValue(provider?.DefaultModelId);
        writer.WriteStringValue(options.GetRenderedPrompt()?.ContentHash);

        var messageInfo = (JsonTypeInfo<ChatMessage>)Json.GetTypeInfo(typeof(ChatMessage));
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            JsonSerializer.Serialize(writer, message, messageInfo);
        }

        writer.WriteEndArray();
        WriteOptions(writer, options ?? NoOptions); // no options and empty ones ask the same
        writer.WriteEndArray();
    }

    private static void WriteOptions(Utf8JsonWriter writer, ChatOptions options)
    {
        // Positional, so that an unset property and a later one can never be confused; null marks each unset one.
        writer.WriteStringValue(options.ModelId);
        writer.WriteStringValue(options.Instructions);
        WriteNumber(writer, options.Temperature);
        WriteNumber(writer, options.TopP);
        WriteNumber(writer, options.TopK);
        WriteNumber(writer, options.FrequencyPenalty);
        WriteNumber(writer, options.PresencePenalty);
        WriteNumber(writer, options.Seed);
        WriteNumber(writer, options.MaxOutputTokens);
        WriteBool(writer, options.AllowMultipleToolCalls);
        WriteBool(writer, options.AllowBackgroundResponses);
        WriteStrings(writer, options.StopSequences);
        WriteResponseFormat(writer, options.ResponseFormat);
        WriteToolMode(writer, options.ToolMode);
        WriteTools(writer, options.Tools);
        if (options.Reasoning is { } reasoning)
        {
            writer.WriteStringValue(reasoning.Effort?.ToString());
            writer.WriteStringValue(reasoning.Output?.ToString());
        }
        else
        {
            writer.WriteNullValue();
        }

        WriteProperties(writer, options.AdditionalProperties);
    }

    private static void WriteNumber(Utf8JsonWriter writer, float? value)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteBool(Utf8JsonWriter writer, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, IList<string>? values)
    {
        if (values is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteResponseFormat(Utf8JsonWriter writer, ChatResponseFormat? format)
    {
        switch (format)
        {
            case null:
                writer.WriteNullValue();
                break;
            case ChatResponseFormatJson json:
                writer.WriteStartArray();
                writer.WriteStringValue("json");
                writer.WriteStringValue(json.SchemaName);
                writer.WriteStringValue(json.SchemaDescription);
                WriteElement(writer, json.Schema);
                writer.WriteEndArray();
                break;
            case ChatResponseFormatText:
                writer.WriteStringValue("text");
                break;
            default:
                throw new NotSupportedException($"Response format {format.GetType()} has no cache key form.");
        }
    }

    private static void WriteToolMode(Utf8JsonWriter writer, ChatToolMode? mode)
    {
        switch (mode)
        {
            case null:
                writer.WriteNullValue();
                break;
            case RequiredChatToolMode required:
                writer.WriteStringValue("required:" + required.RequiredFunctionName);
                break;
            case NoneChatToolMode:
                writer.WriteStringValue("none");
                break;
            case AutoChatToolMode:
                writer.WriteStringValue("auto");
                break;
            default:
                throw new NotSupportedException($"Tool mode {mode.GetType()} has no cache key form.");
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, IList<AITool>? tools)
    {
        if (tools is null)
        {
            writer.WriteNullValue();
            return;
        }

        // What the model is told about each tool; the code behind a function does not change what the model answers.
        writer.WriteStartArray();
        foreach (var tool in tools)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(tool.GetType().FullName);
            writer.WriteStringValue(tool.Name);
            writer.WriteStringValue(tool.Description);
            if (tool is AIFunctionDeclaration function)
            {
                WriteElement(writer, function.JsonSchema);
                WriteElement(writer, function.ReturnJsonSchema);
            }

            WriteProperties(writer, tool.AdditionalProperties);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement? element)
    {
        if (element is { ValueKind: not JsonValueKind.Undefined } value)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?>? properties)
    {
        if (properties is null || properties.Count == 0)
        {
            writer.WriteNullValue();
            return;
        }

        // Sorted, so that two dictionaries with the same entries in another order give the same key.
        var keys = new string[properties.Count];
        var count = 0;
        foreach (var (key, _) in properties)
        {
            if (!OwnProperties.IsOwn(key))
            {
                keys[count++] = key;
            }
        }

        if (count == 0)
        {
            writer.WriteNullValue(); // only our own entries: the same as none
            return;
        }

        Array.Sort(keys, 0, count, StringComparer.Ordinal);
        writer.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            writer.WriteStringValue(keys[i]);
            var value = properties[keys[i]];
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value.GetType().FullName); // 1 and 1.0 and "1" answer alike only by chance
                JsonSerializer.Serialize(writer, value, Json.GetTypeInfo(value.GetType()));
            }
        }

        writer.WriteEndArray();
    }
}

using System.Globalization;
using System.Text.Json;

namespace LlmOps.Sdk.Prompts;

/// <summary>
/// Writes a <see cref="PromptVersion"/> as one JSON document and reads it back exactly, for the database stores and
/// the <c>llmops</c> tool, which must all store and exchange the same document.
/// </summary>
/// <remarks>
/// <para>
/// The document carries a <c>format</c> number, so that a later change to its shape can still read what is stored
/// now. Keys of metadata and extras are written in ordinal order, so the same version always gives the same bytes.
/// </para>
/// <para>
/// Written and read with <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/>, without reflection, so it is
/// safe under trimming and native AOT; floats are written in their shortest round-trip form, and JSON schemas and
/// JSON extras are copied byte for byte, so the content hash of what is read equals the hash of what was written.
/// The stored hash is checked on reading: a document edited by hand, or damaged, is refused rather than served.
/// Store the document as text (SQLite <c>TEXT</c>, PostgreSQL <c>text</c>, not <c>jsonb</c>, which reformats it).
/// </para>
/// </remarks>
internal static class PromptVersionJson
{
    /// <summary>The shape of the document this code writes.</summary>
    public const int Format = 1;

    /// <summary>Writes the version as UTF-8 JSON.</summary>
    /// <exception cref="PromptException">A model extra has a type with no JSON form; the message names it.</exception>
    public static byte[] Serialize(PromptVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, version);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the version as a JSON string.</summary>
    /// <exception cref="PromptException">A model extra has a type with no JSON form; the message names it.</exception>
    public static string SerializeToString(PromptVersion version) => System.Text.Encoding.UTF8.GetString(Serialize(version));

    /// <summary>Reads a version written by <see cref="Serialize"/>.</summary>
    /// <param name="json">The document.</param>
    /// <param name="origin">Where the document was read, such as <c>SQLite prompt store '/data/prompts.db'</c>, for error messages.</param>
    /// <exception cref="PromptException">The document is not valid JSON, not a prompt version, of a newer format, or does not match its content hash.</exception>
    public static PromptVersion Deserialize(ReadOnlyMemory<byte> json, string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw Invalid(origin, null, null, $"it is not valid JSON ({error.Message})", error);
        }

        using (document)
        {
            return Read(document.RootElement, origin);
        }
    }

    /// <summary>Reads a version written by <see cref="SerializeToString"/>.</summary>
    /// <exception cref="PromptException">The document is not a valid prompt version; see <see cref="Deserialize(ReadOnlyMemory{byte}, string)"/>.</exception>
    public static PromptVersion Deserialize(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize(System.Text.Encoding.UTF8.GetBytes(json), origin);
    }

    /// <summary>Writes a label's targets as a JSON array of <c>{"version": n, "weight": w}</c>, in their order.</summary>
    /// <remarks>Weights are written in their shortest round-trip form, so they read back exactly.</remarks>
    public static string SerializeTargets(IReadOnlyList<PromptVersionWeight> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var target in targets)
            {
                json.WriteStartObject();
                json.WriteNumber("version", target.Version);
                json.WriteNumber("weight", target.Weight);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads targets written by <see cref="SerializeTargets"/>.</summary>
    /// <param name="json">The array.</param>
    /// <param name="origin">Where it was read, such as <c>label 'production' of prompt 'greet' in SQLite prompt store '/data/prompts.db'</c>.</param>
    /// <exception cref="PromptException">The text is not such an array.</exception>
    public static PromptVersionWeight[] DeserializeTargets(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("The targets are not a JSON array.");
            }

            var targets = new PromptVersionWeight[document.RootElement.GetArrayLength()];
            var i = 0;
            foreach (var target in document.RootElement.EnumerateArray())
            {
                targets[i++] = new PromptVersionWeight(target.GetProperty("version").GetInt32(), target.GetProperty("weight").GetDouble());
            }

            return targets;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new PromptException(
                $"The targets of {origin} cannot be read: '{json}' is not a JSON array of {{\"version\": n, \"weight\": w}}. Set the label again to repair it.", error);
        }
    }

    private static void Write(Utf8JsonWriter json, PromptVersion version)
    {
        json.WriteStartObject();
        json.WriteNumber("format", Format);
        json.WriteString("name", version.Name);
        json.WriteNumber("version", version.Version);
        if (version.Text is { } text)
        {
            json.WriteString("text", text);
        }
        else
        {
            json.WriteStartArray("messages");
            foreach (var message in version.Messages)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role.Value);
                json.WriteString("template", message.Template);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (version.Model is { } model)
        {
            WriteModel(json, version, model);
        }

        json.WriteStartArray("variables");
        foreach (var variable in version.Variables)
        {
            json.WriteStartObject();
            json.WriteString("name", variable.Name);
            json.WriteBoolean("required", variable.Required);
            WriteOptional(json, "default", variable.Default);
            WriteOptional(json, "description", variable.Description);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("metadata");
        foreach (var (key, value) in version.Metadata.OrderBy(static m => m.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
        WriteOptional(json, "source", version.Source);
        WriteCache(json, version.Cache);
        json.WriteString("contentHash", version.ContentHash);
        json.WriteEndObject();
    }

    // Not in the content hash (the model is sent the same), but a version served from a database must opt in to the
    // response cache as its file did. Written only when set, so other documents stay byte for byte what they were.
    private static void WriteCache(Utf8JsonWriter json, PromptCacheSettings? cache)
    {
        if (cache is null)
        {
            return;
        }

        json.WriteStartObject("cache");
        if (cache.Duration is { } duration)
        {
            json.WriteString("duration", duration.ToString("c", CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
    }

    // The settings .prompty files brought (top k, penalties, seed, tools): written only when set, so documents of
    // versions without them stay byte for byte what they were.
    private static void WriteSince(Utf8JsonWriter json, PromptModelSettings model)
    {
        WriteOptional(json, "topK", model.TopK);
        WriteOptional(json, "frequencyPenalty", model.FrequencyPenalty);
        WriteOptional(json, "presencePenalty", model.PresencePenalty);
        WriteOptional(json, "seed", model.Seed);
        if (model.AllowMultipleToolCalls is { } multiple)
        {
            json.WriteBoolean("allowMultipleToolCalls", multiple);
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
                    json.WriteString("schema", function.JsonSchema.GetRawText()); // as text: the content hash covers these exact bytes
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
    }

    private static void WriteModel(Utf8JsonWriter json, PromptVersion version, PromptModelSettings model)
    {
        json.WriteStartObject("model");
        WriteOptional(json, "id", model.ModelId);
        WriteOptional(json, "temperature", model.Temperature);
        WriteOptional(json, "topP", model.TopP);
        WriteOptional(json, "maxOutputTokens", model.MaxOutputTokens);
        WriteSince(json, model);

        if (model.StopSequences is { } stops)
        {
            json.WriteStartArray("stop");
            foreach (var stop in stops)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
        }

        switch (model.ResponseFormat)
        {
            case null:
                break;
            case ChatResponseFormatText:
                json.WriteStartObject("responseFormat");
                json.WriteString("type", "text");
                json.WriteEndObject();
                break;
            case ChatResponseFormatJson format:
                json.WriteStartObject("responseFormat");
                json.WriteString("type", format.Schema is null ? "json" : "json_schema");
                WriteOptional(json, "schemaName", format.SchemaName);
                WriteOptional(json, "schemaDescription", format.SchemaDescription);
                if (format.Schema is { } schema)
                {
                    json.WritePropertyName("schema");
                    json.WriteRawValue(schema.GetRawText()); // byte for byte: the content hash is taken over this text
                }

                json.WriteEndObject();
                break;
            default:
                throw Unsupported(version, $"response format {model.ResponseFormat.GetType().Name}", "Use text, JSON, or JSON with a schema");
        }

        if (model.Extras is { } extras)
        {
            json.WriteStartObject("extras");
            foreach (var (key, value) in extras.OrderBy(static e => e.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(key);
                WriteExtra(json, version, key, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>Writes an extra with its .NET type, so that it reads back as the same type and hashes the same.</summary>
    private static void WriteExtra(Utf8JsonWriter json, PromptVersion version, string key, object? value)
    {
        json.WriteStartObject();
        switch (value)
        {
            case null:
                json.WriteString("type", "null");
                break;
            case JsonElement element:
                json.WriteString("type", "json");
                json.WritePropertyName("value");
                json.WriteRawValue(element.GetRawText());
                break;
            case string text:
                json.WriteString("type", "string");
                json.WriteString("value", text);
                break;
            case bool flag:
                json.WriteString("type", "bool");
                json.WriteBoolean("value", flag);
                break;
            case int number:
                json.WriteString("type", "int");
                json.WriteNumber("value", number);
                break;
            case long number:
                json.WriteString("type", "long");
                json.WriteNumber("value", number);
                break;
            case float number when float.IsFinite(number):
                json.WriteString("type", "float");
                json.WriteNumber("value", number);
                break;
            case double number when double.IsFinite(number):
                json.WriteString("type", "double");
                json.WriteNumber("value", number);
                break;
            case decimal number:
                json.WriteString("type", "decimal");
                json.WriteNumber("value", number);
                break;
            default:
                throw Unsupported(version, $"model extra '{key}' of type {value.GetType().Name}",
                    "Give extras as a string, bool, int, long, finite float or double, decimal, or a JsonElement");
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, float? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static PromptVersion Read(JsonElement root, string origin)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(origin, null, null, "it is not a JSON object");
        }

        var name = root.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : null;
        int? number = root.TryGetProperty("version", out var numberElement) && numberElement.TryGetInt32(out var n) ? n : null;
        var reader = new DocumentReader(origin, name, number);
        var format = reader.RequiredInt(root, "format");
        if (format > Format)
        {
            throw Invalid(origin, name, number,
                $"it is written in format {format}, and this version of LlmOps.Sdk reads formats up to {Format}. Update the LlmOps packages");
        }

        if (name is null || number is null)
        {
            throw Invalid(origin, name, number, "it has no 'name' string or no 'version' number");
        }

        PromptVersion version;
        try
        {
            version = root.TryGetProperty("text", out var textElement)
                ? new PromptVersion(name, number.Value, reader.String(textElement, "text"))
                : new PromptVersion(name, number.Value, reader.Messages(root));
            version = new PromptVersion(name, number.Value, version.Messages, version.Text)
            {
                Model = root.TryGetProperty("model", out var model) ? reader.Model(model) : null,
                Variables = reader.Variables(root),
                Metadata = reader.Metadata(root),
                Source = reader.OptionalString(root, "source"),
                Cache = root.TryGetProperty("cache", out var cache) ? reader.Cache(cache) : null,
            };
        }
        catch (ArgumentException error)
        {
            throw Invalid(origin, name, number, error.Message, error);
        }

        var storedHash = reader.RequiredString(root, "contentHash");
        if (!string.Equals(storedHash, version.ContentHash, StringComparison.Ordinal))
        {
            throw Invalid(origin, name, number,
                $"its content does not match its content hash (stored {storedHash}, computed {version.ContentHash}): it was changed outside LlmOps or damaged. Publish the intended content as a new version");
        }

        return version;
    }

    internal static PromptException Invalid(string origin, string? name, int? version, string problem, Exception? inner = null)
    {
        var what = name is null ? "A prompt version" : version is null ? $"Prompt '{name}'" : $"Prompt '{name}' version {version}";
        return new PromptException($"{what} in {origin} cannot be read: {problem}.", inner)
        {
            PromptName = name,
            Version = version,
        };
    }

    private static PromptException Unsupported(PromptVersion version, string what, string fix) =>
        new($"Prompt '{version.Name}' version {version.Version} has a {what}, which cannot be stored. {fix}.")
        {
            PromptName = version.Name,
            Version = version.Version,
        };

    /// <summary>Reads the parts of one document, naming the prompt and where it was read in every error.</summary>
    private readonly struct DocumentReader(string origin, string? name, int? version)
    {
        public List<PromptMessageTemplate> Messages(JsonElement root)
        {
            var messages = Array(root, "messages");
            List<PromptMessageTemplate> result = new(messages.GetArrayLength());
            foreach (var message in messages.EnumerateArray())
            {
                result.Add(new PromptMessageTemplate(new ChatRole(RequiredString(message, "role")), RequiredString(message, "template")));
            }

            return result;
        }

        public PromptModelSettings Model(JsonElement model) => new()
        {
            ModelId = OptionalString(model, "id"),
            Temperature = model.TryGetProperty("temperature", out var temperature) ? Single(temperature, "temperature") : null,
            TopP = model.TryGetProperty("topP", out var topP) ? Single(topP, "topP") : null,
            MaxOutputTokens = model.TryGetProperty("maxOutputTokens", out var max) ? Int(max, "maxOutputTokens") : null,
            TopK = model.TryGetProperty("topK", out var topK) ? Int(topK, "topK") : null,
            FrequencyPenalty = model.TryGetProperty("frequencyPenalty", out var frequency) ? Single(frequency, "frequencyPenalty") : null,
            PresencePenalty = model.TryGetProperty("presencePenalty", out var presence) ? Single(presence, "presencePenalty") : null,
            Seed = model.TryGetProperty("seed", out var seed) ? Long(seed, "seed") : null,
            AllowMultipleToolCalls = model.TryGetProperty("allowMultipleToolCalls", out var multiple) ? Bool(multiple, "allowMultipleToolCalls") : null,
            Tools = model.TryGetProperty("tools", out var tools) ? Tools(tools) : null,
            StopSequences = model.TryGetProperty("stop", out var stop) ? Strings(stop, "stop") : null,
            ResponseFormat = model.TryGetProperty("responseFormat", out var format) ? ResponseFormat(format) : null,
            Extras = model.TryGetProperty("extras", out var extras) ? Extras(extras) : null,
        };

        public List<PromptVariable> Variables(JsonElement root)
        {
            List<PromptVariable> result = [];
            if (!root.TryGetProperty("variables", out _))
            {
                return result;
            }

            foreach (var variable in Array(root, "variables").EnumerateArray())
            {
                var required = variable.TryGetProperty("required", out var r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? r.GetBoolean()
                    : throw Problem("variable without a 'required' true or false");
                result.Add(new PromptVariable(RequiredString(variable, "name"), required, OptionalString(variable, "default"), OptionalString(variable, "description")));
            }

            return result;
        }

        public Dictionary<string, string> Metadata(JsonElement root)
        {
            Dictionary<string, string> result = new(StringComparer.Ordinal);
            if (!root.TryGetProperty("metadata", out var metadata))
            {
                return result;
            }

            if (metadata.ValueKind != JsonValueKind.Object)
            {
                throw Problem("'metadata' that is not an object");
            }

            foreach (var entry in metadata.EnumerateObject())
            {
                result[entry.Name] = String(entry.Value, $"metadata '{entry.Name}'");
            }

            return result;
        }

        public string RequiredString(JsonElement element, string property) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
                ? String(value, property)
                : throw Problem($"no '{property}'");

        public PromptCacheSettings Cache(JsonElement cache)
        {
            if (cache.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(origin, name, version, "its 'cache' is not an object");
            }

            var duration = OptionalString(cache, "duration");
            if (duration is null)
            {
                return new PromptCacheSettings();
            }

            return TimeSpan.TryParseExact(duration, "c", CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                ? new PromptCacheSettings { Duration = parsed }
                : throw Invalid(origin, name, version, $"its cache duration '{duration}' is not a positive time span such as 00:10:00");
        }

        public string? OptionalString(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) ? String(value, property) : null;

        public string String(JsonElement value, string what) =>
            value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Problem($"'{what}' that is not a string"); // a string element always has a string

        public int RequiredInt(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) ? Int(value, property) : throw Problem($"no '{property}'");

        private int Int(JsonElement value, string what) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw Problem($"'{what}' that is not a whole number");

        private long Long(JsonElement value, string what) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw Problem($"'{what}' that is not a whole number");

        private bool Bool(JsonElement value, string what) =>
            value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Problem($"'{what}' that is not true or false");

        // Tools are stored as declarations: the model is offered them, and the application runs the calls.
        private List<AITool> Tools(JsonElement tools)
        {
            if (tools.ValueKind != JsonValueKind.Array)
            {
                throw Problem("'tools' that is not a list");
            }

            List<AITool> result = new(tools.GetArrayLength());
            foreach (var tool in tools.EnumerateArray())
            {
                using var schema = JsonDocument.Parse(RequiredString(tool, "schema"));
                result.Add(AIFunctionFactory.CreateDeclaration(RequiredString(tool, "name"), OptionalString(tool, "description"), schema.RootElement.Clone()));
            }

            return result;
        }

        private float Single(JsonElement value, string what) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out var number) && float.IsFinite(number)
                ? number
                : throw Problem($"'{what}' that is not a number");

        private JsonElement Array(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
                ? value
                : throw Problem($"no '{property}' array");

        private List<string> Strings(JsonElement value, string what)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Problem($"'{what}' that is not an array");
            }

            List<string> result = [];
            foreach (var item in value.EnumerateArray())
            {
                result.Add(String(item, what));
            }

            return result;
        }

        private ChatResponseFormat ResponseFormat(JsonElement format)
        {
            var type = RequiredString(format, "type");
            return type switch
            {
                "text" => ChatResponseFormat.Text,
                "json" => OptionalString(format, "schemaName") is null && OptionalString(format, "schemaDescription") is null
                    ? ChatResponseFormat.Json
                    : new ChatResponseFormatJson(null, OptionalString(format, "schemaName"), OptionalString(format, "schemaDescription")),
                "json_schema" => ChatResponseFormat.ForJsonSchema(
                    format.TryGetProperty("schema", out var schema) ? schema.Clone() : throw Problem("a 'json_schema' response format without a 'schema'"),
                    OptionalString(format, "schemaName"),
                    OptionalString(format, "schemaDescription")),
                _ => throw Problem($"response format '{type}', which this version of LlmOps.Sdk does not know"),
            };
        }

        private Dictionary<string, object?> Extras(JsonElement extras)
        {
            if (extras.ValueKind != JsonValueKind.Object)
            {
                throw Problem("'extras' that is not an object");
            }

            Dictionary<string, object?> result = new(StringComparer.Ordinal);
            foreach (var entry in extras.EnumerateObject())
            {
                var type = RequiredString(entry.Value, "type");
                var hasValue = entry.Value.TryGetProperty("value", out var value);
                var what = $"extra '{entry.Name}'";
                result[entry.Name] = (type, hasValue) switch
                {
                    ("null", _) => null,
                    ("json", true) => value.Clone(),
                    ("string", true) => String(value, what),
                    ("bool", true) when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
                    ("int", true) when value.TryGetInt32(out var i) => i,
                    ("long", true) when value.TryGetInt64(out var l) => l,
                    ("float", true) => Single(value, what),
                    ("double", true) when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) => d,
                    ("decimal", true) when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var m) => m,
                    _ => throw Problem($"{what} of type '{type}' without a matching value"),
                };
            }

            return result;
        }

        private PromptException Problem(string what) =>
            Invalid(origin, name, version, string.Create(CultureInfo.InvariantCulture, $"it has {what}"));
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Sdk.Experiments;

/// <summary>Anonymises a JSON Lines stream one line at a time: a line is parsed, its strings rewritten, and written out.</summary>
internal static class JsonlAnonymizer
{
    // Non-ASCII text stays readable in the output (josé, not jos\u00e9); quotes and control characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static DatasetAnonymizationReport Anonymize(
        TextReader input, TextWriter output, string source, DatasetAnonymizerOptions options, CancellationToken cancellationToken)
    {
        var anonymizer = new TextAnonymizer(options);
        var paths = options.Fields.Select(static f => FieldPath(f)).ToArray();
        using var buffer = new MemoryStream();
        var lineNumber = 0;
        while (input.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                output.Write(line);
                output.Write('\n');
                continue;
            }

            var record = Parse(line, source, lineNumber);
            if (paths.Length == 0)
            {
                AnonymizeAll(record, anonymizer);
            }
            else
            {
                for (var i = 0; i < paths.Length; i++)
                {
                    if (!AnonymizePath(record, paths[i], 0, anonymizer))
                    {
                        throw Missing(source, lineNumber, options.Fields[i], record);
                    }
                }
            }

            if (anonymizer.EndRecord())
            {
                buffer.SetLength(0);
                using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
                {
                    record.WriteTo(writer);
                }

                output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            else
            {
                output.Write(line); // a clean record is copied as it was, formatting included
            }

            output.Write('\n');
        }

        return anonymizer.Report();
    }

    private static string[] FieldPath(string field)
    {
        var path = field.StartsWith("$.", StringComparison.Ordinal) ? field[2..] : field;
        var segments = path.Split('.');
        if (segments.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException(
                $"Field '{field}' is not a field name or a dotted path. Write a top-level name (email) or a path (customer.email).",
                nameof(field));
        }

        return segments;
    }

    private static JsonObject Parse(string line, string source, int lineNumber)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException error)
        {
            throw new DatasetException(
                new DatasetProblem(source, lineNumber, null,
                    $"Dataset '{source}' line {lineNumber} is not valid JSON: {error.Message} Each line of a JSONL file must be one complete JSON object; fix the line or remove it."),
                error);
        }

        return node as JsonObject ?? throw new DatasetException(new DatasetProblem(source, lineNumber, null,
            $"Dataset '{source}' line {lineNumber} is a JSON {node?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}, not an object. Each line of a JSONL file must be one JSON object, such as {{\"question\": \"…\"}}."));
    }

    private static void AnonymizeAll(JsonNode node, TextAnonymizer anonymizer)
    {
        switch (node)
        {
            case JsonObject record:
                foreach (var key in record.Select(static p => p.Key).ToArray())
                {
                    if (record[key] is { } child)
                    {
                        if (Rewrite(child, anonymizer) is { } replaced)
                        {
                            record[key] = replaced;
                        }
                        else
                        {
                            AnonymizeAll(child, anonymizer);
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child)
                    {
                        if (Rewrite(child, anonymizer) is { } replaced)
                        {
                            array[i] = replaced;
                        }
                        else
                        {
                            AnonymizeAll(child, anonymizer);
                        }
                    }
                }

                break;
        }
    }

    /// <summary>Anonymises what <paramref name="path"/> names under <paramref name="node"/>, walking through arrays.</summary>
    /// <returns>Whether the path exists; a path into an empty array exists.</returns>
    private static bool AnonymizePath(JsonNode node, string[] path, int depth, TextAnonymizer anonymizer)
    {
        if (node is JsonArray array)
        {
            var found = true;
            foreach (var element in array)
            {
                found &= element is null || AnonymizePath(element, path, depth, anonymizer);
            }

            return found;
        }

        if (node is not JsonObject record || !record.TryGetPropertyValue(path[depth], out var child))
        {
            return false;
        }

        if (child is null)
        {
            return true; // null is a value, and has nothing to anonymise
        }

        if (depth < path.Length - 1)
        {
            return AnonymizePath(child, path, depth + 1, anonymizer);
        }

        if (Rewrite(child, anonymizer) is { } replaced)
        {
            record[path[depth]] = replaced;
        }
        else
        {
            AnonymizeAll(child, anonymizer);
        }

        return true;
    }

    /// <summary>Gets the anonymised replacement of a string value, or <see langword="null"/> when it is no string or is clean.</summary>
    private static JsonValue? Rewrite(JsonNode node, TextAnonymizer anonymizer)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>();
        var anonymized = anonymizer.Anonymize(text);
        return ReferenceEquals(text, anonymized) ? null : JsonValue.Create(anonymized);
    }

    private static DatasetException Missing(string source, int lineNumber, string field, JsonObject record)
    {
        var fields = string.Join(", ", record.Select(static p => p.Key));
        return new DatasetException(new DatasetProblem(source, lineNumber, field,
            $"Dataset '{source}' line {lineNumber} has no field '{field}' (its fields: {fields}). Check the spelling (a nested field is written parent.child), or leave '{field}' out of the fields to anonymise."));
    }
}

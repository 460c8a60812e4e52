using System.Text.Json;

namespace LlmOps.Sdk.Experiments;

/// <summary>Reads a JSON Lines dataset, collecting every bad line before it throws, so one run of the loader shows them all.</summary>
internal static class JsonlDatasetReader
{
    internal const string IdField = "id";
    internal const string VariablesField = "variables";
    internal const string ExpectedField = "expected";
    internal const string MetadataField = "metadata";

    private const string Example = """{"id": "q1", "variables": {"question": "…"}, "expected": "…"}""";

    public static List<DatasetItem> Read(string path)
    {
        List<DatasetItem> items = [];
        List<DatasetProblem> problems = [];
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (TryReadItem(path, lineNumber, line, problems) is { } item)
            {
                items.Add(item);
            }
        }

        if (problems.Count > 0)
        {
            throw new DatasetException(problems);
        }

        return items;
    }

    private static DatasetItem? TryReadItem(string path, int line, string text, List<DatasetProblem> problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException error)
        {
            problems.Add(new DatasetProblem(path, line, null,
                $"Dataset '{path}' line {line} is not JSON ({error.Message}). Write each item as one JSON object on one line, such as {Example}."));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new DatasetProblem(path, line, null,
                    $"Dataset '{path}' line {line} is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object. Write each item as an object, such as {Example}."));
                return null;
            }

            var before = problems.Count;
            string? id = null;
            Dictionary<string, object?>? variables = null;
            List<string> expected = [];
            Dictionary<string, string> metadata = new(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case IdField:
                        id = ReadId(path, line, property.Value, problems);
                        break;
                    case VariablesField:
                        variables = ReadVariables(path, line, property.Value, problems);
                        break;
                    case ExpectedField:
                        ReadExpected(path, line, property.Value, expected, problems);
                        break;
                    case MetadataField:
                        ReadMetadata(path, line, property.Value, metadata, problems);
                        break;
                    default:
                        problems.Add(new DatasetProblem(path, line, property.Name,
                            $"Dataset '{path}' line {line} has an unknown field '{property.Name}'. The fields are '{IdField}', '{VariablesField}', '{ExpectedField}' and '{MetadataField}': move prompt variables into '{VariablesField}' and other data into '{MetadataField}'."));
                        break;
                }
            }

            if (variables is null && problems.Count == before)
            {
                problems.Add(new DatasetProblem(path, line, VariablesField,
                    $"Dataset '{path}' line {line} has no '{VariablesField}' field. Give the prompt's variables as an object, such as {Example}."));
            }

            if (problems.Count > before || variables is null)
            {
                return null;
            }

            return new DatasetItem(variables, expected, metadata, id)
            {
                Location = $"{Path.GetFileName(path)} line {line}",
                SourcePath = path,
                SourceLine = line,
            };
        }
    }

    private static string? ReadId(string path, int line, JsonElement value, List<DatasetProblem> problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()):
                return value.GetString();
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.Null:
                return null;
            default:
                problems.Add(new DatasetProblem(path, line, IdField,
                    $"Dataset '{path}' line {line} has an '{IdField}' that is not a non-empty string or a number. Give a unique id such as \"q1\", or leave the field out to derive one from the content."));
                return null;
        }
    }

    private static Dictionary<string, object?>? ReadVariables(string path, int line, JsonElement value, List<DatasetProblem> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new DatasetProblem(path, line, VariablesField,
                $"Dataset '{path}' line {line} has a '{VariablesField}' field that is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not an object. Give the prompt's variables by name, such as {Example}."));
            return null;
        }

        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var variable in value.EnumerateObject())
        {
            // Cloned: the document's buffer is returned to the pool when it is disposed.
            variables[variable.Name] = variable.Value.Clone();
        }

        return variables;
    }

    private static void ReadExpected(string path, int line, JsonElement value, List<string> expected, List<DatasetProblem> problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return;
            case JsonValueKind.String:
                expected.Add(value.GetString()!); // a String element always has a string
                return;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var answer in value.EnumerateArray())
                {
                    if (answer.ValueKind != JsonValueKind.String)
                    {
                        problems.Add(new DatasetProblem(path, line, $"{ExpectedField}[{index}]",
                            $"Dataset '{path}' line {line}: '{ExpectedField}[{index}]' is a JSON {answer.ValueKind.ToString().ToLowerInvariant()}, not a string. Write each reference answer as a string."));
                        return;
                    }

                    expected.Add(answer.GetString()!);
                    index++;
                }

                return;
            default:
                problems.Add(new DatasetProblem(path, line, ExpectedField,
                    $"Dataset '{path}' line {line}: '{ExpectedField}' is a JSON {value.ValueKind.ToString().ToLowerInvariant()}. Write the reference answer as a string, or several as a list of strings."));
                return;
        }
    }

    private static void ReadMetadata(string path, int line, JsonElement value, Dictionary<string, string> metadata, List<DatasetProblem> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new DatasetProblem(path, line, MetadataField,
                $"Dataset '{path}' line {line}: '{MetadataField}' is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not an object. Write metadata as an object of names and values, such as {{\"topic\": \"billing\"}}."));
            return;
        }

        foreach (var entry in value.EnumerateObject())
        {
            // Reports group by metadata values, so a nested value is kept as its JSON text rather than refused.
            metadata[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
        }
    }
}

using System.Text.Json;

namespace LlmOps.Cli.Experiments;

/// <summary>The answers of a scripted candidate, one per dataset item, read from a JSON Lines file.</summary>
/// <remarks>Each line is <c>{"id": "q01", "answer": "Paris"}</c>. An item with no line gets an empty answer, which scores as wrong.</remarks>
internal sealed class ScriptedAnswers
{
    private readonly Dictionary<string, string> _answers;

    private ScriptedAnswers(Dictionary<string, string> answers)
    {
        _answers = answers;
    }

    public int Count => _answers.Count;

    /// <exception cref="CliInputException">A line is not an object with string <c>id</c> and <c>answer</c>.</exception>
    public static ScriptedAnswers Load(string path)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    && root.TryGetProperty("answer", out var answer) && answer.ValueKind == JsonValueKind.String)
                {
                    answers[id.GetString()!] = answer.GetString()!; // both checked to be strings
                    continue;
                }
            }
            catch (JsonException)
            {
                // reported below, with the line
            }

            throw new CliInputException($"{path}({lineNumber},1): a scripted answer must be one JSON object per line, {{\"id\": \"…\", \"answer\": \"…\"}}. Fix this line.");
        }

        return new ScriptedAnswers(answers);
    }

    public string For(string itemId) => _answers.TryGetValue(itemId, out var answer) ? answer : string.Empty;
}

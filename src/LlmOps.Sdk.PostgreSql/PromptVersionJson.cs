using System.Text.Json;

namespace LlmOps.Sdk.Prompts;

/// <summary>Writes a text or chat prompt version as JSON and reads it back.</summary>
internal static class PromptVersionJson
{
    public static string SerializeToString(PromptVersion version)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", version.Name);
            json.WriteNumber("version", version.Version);
            if (version.Text is not null)
            {
                json.WriteString("text", version.Text);
            }

            json.WriteStartArray("messages");
            foreach (var message in version.Messages)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role.Value);
                json.WriteString("template", message.Template);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static PromptVersion Deserialize(string json, string origin)
    {
        _ = origin;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var name = root.GetProperty("name").GetString()!;
        var number = root.GetProperty("version").GetInt32();
        if (root.TryGetProperty("text", out var text))
        {
            return new PromptVersion(name, number, text.GetString()!);
        }

        return new PromptVersion(name, number, [.. root.GetProperty("messages").EnumerateArray()
            .Select(static m => new PromptMessageTemplate(new ChatRole(m.GetProperty("role").GetString()!), m.GetProperty("template").GetString()!))]);
    }
}

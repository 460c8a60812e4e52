using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlmOps.Sdk.Prompts;

/// <summary>Writes a prompt version in the SDK's own YAML format, and a prompt's labels as <c>labels.yaml</c>, so that reading them back gives the same content.</summary>
/// <remarks>
/// The output depends only on the version: keys in a fixed order, metadata sorted, <c>\n</c> line endings. Multi-line
/// templates are literal blocks when YAML keeps them exactly, double-quoted with escapes otherwise. Every file is read
/// back before it is returned, and a version the format cannot hold is an error naming it, never a silent loss.
/// </remarks>
internal static class PromptYamlWriter
{
    private const string Indent = "  ";

    /// <summary>Writes <paramref name="version"/> as the text of its <c>v{n}.yaml</c> file.</summary>
    /// <exception cref="NotSupportedException">The version has settings or content the YAML format cannot hold.</exception>
    public static string Write(PromptVersion version)
    {
        var yaml = new StringBuilder();
        WriteModel(yaml, version);
        WriteVariables(yaml, version.Variables);
        PromptCacheSetting.Write(yaml, version.Cache);
        if (version.Metadata.Count > 0)
        {
            yaml.Append("metadata:\n");
            foreach (var (key, value) in version.Metadata.OrderBy(static m => m.Key, StringComparer.Ordinal))
            {
                yaml.Append(Indent).Append(Quote(key)).Append(": ").Append(Quote(value)).Append('\n');
            }
        }

        if (version.Text is { } text)
        {
            yaml.Append("text:");
            AppendTemplate(yaml, text, string.Empty);
        }
        else
        {
            yaml.Append("messages:\n");
            foreach (var message in version.Messages)
            {
                yaml.Append("  - role: ").Append(Role(version, message.Role)).Append('\n');
                yaml.Append("    content:");
                AppendTemplate(yaml, message.Template, "    ");
            }
        }

        var written = yaml.ToString();
        CheckReadsBack(version, written);
        return written;
    }

    /// <summary>Writes a prompt's labels as the text of its <c>labels.yaml</c>.</summary>
    /// <exception cref="NotSupportedException">A label does not read back the same.</exception>
    public static string WriteLabels(string promptName, IReadOnlyDictionary<string, IReadOnlyList<PromptVersionWeight>> labels)
    {
        if (labels.Count == 0)
        {
            return "{}\n";
        }

        var yaml = new StringBuilder();
        foreach (var (label, targets) in labels.OrderBy(static l => l.Key, StringComparer.Ordinal))
        {
            yaml.Append(Quote(label)).Append(':');
            if (targets is [{ Weight: 1 } single])
            {
                yaml.Append(' ').Append(single.Version.ToString(CultureInfo.InvariantCulture)).Append('\n');
                continue;
            }

            yaml.Append('\n');
            foreach (var target in targets)
            {
                yaml.Append("  - { version: ").Append(target.Version.ToString(CultureInfo.InvariantCulture))
                    .Append(", weight: ").Append(target.Weight.ToString("R", CultureInfo.InvariantCulture)).Append(" }\n");
            }
        }

        var written = yaml.ToString();
        var read = LabelsFile.Parse($"{promptName}/labels.yaml", written);
        foreach (var (label, targets) in labels)
        {
            if (!read.TryGetValue(label, out var back) || !back.Targets.SequenceEqual(targets))
            {
                throw new NotSupportedException(
                    $"Label '{label}' of prompt '{promptName}' cannot be written to labels.yaml: it reads back differently. Move the label to positive weights, then export again.");
            }
        }

        return written;
    }

    private static void CheckReadsBack(PromptVersion version, string written)
    {
        PromptVersion back;
        try
        {
            back = PromptYamlFormat.Parse($"{version.Name}/v{version.Version}.yaml", written, version.Name, version.Version);
        }
        catch (PromptException error)
        {
            throw new NotSupportedException(
                $"Prompt '{version.Name}' v{version.Version} cannot be written in the YAML prompt format: {error.Message}", error);
        }

        var same = back.ContentHash == version.ContentHash
            && back.Text == version.Text
            && back.Messages.Select(static m => m.Template).SequenceEqual(version.Messages.Select(static m => m.Template), StringComparer.Ordinal)
            && back.Variables.SequenceEqual(version.Variables)
            && back.Cache == version.Cache
            && back.Metadata.Count == version.Metadata.Count
            && version.Metadata.All(m => back.Metadata.TryGetValue(m.Key, out var value) && value == m.Value);
        if (!same)
        {
            throw new NotSupportedException(
                $"Prompt '{version.Name}' v{version.Version} cannot be written in the YAML prompt format: its file would read back with other content (hash {back.ContentHash[..12]}, the store has {version.ContentHash[..12]}). Nothing was exported.");
        }
    }

    private static string Role(PromptVersion version, ChatRole role) => role.Value switch
    {
        "system" or "user" or "assistant" or "developer" => role.Value,
        _ => throw new NotSupportedException(
            $"Prompt '{version.Name}' v{version.Version} has a message with role '{role.Value}', which the YAML prompt format cannot hold (system, user, assistant, developer)."),
    };

    private static void WriteModel(StringBuilder yaml, PromptVersion version)
    {
        if (version.Model is not { } model)
        {
            return;
        }

        yaml.Append("model:");
        var start = yaml.Length;
        AppendSetting(yaml, "id", model.ModelId is null ? null : Quote(model.ModelId));
        AppendSetting(yaml, "temperature", Number(model.Temperature));
        AppendSetting(yaml, "top_p", Number(model.TopP));
        AppendSetting(yaml, "top_k", model.TopK?.ToString(CultureInfo.InvariantCulture));
        AppendSetting(yaml, "max_output_tokens", model.MaxOutputTokens?.ToString(CultureInfo.InvariantCulture));
        AppendSetting(yaml, "frequency_penalty", Number(model.FrequencyPenalty));
        AppendSetting(yaml, "presence_penalty", Number(model.PresencePenalty));
        AppendSetting(yaml, "seed", model.Seed?.ToString(CultureInfo.InvariantCulture));
        AppendSetting(yaml, "allow_multiple_tool_calls", model.AllowMultipleToolCalls switch { null => null, true => "true", false => "false" });
        if (model.StopSequences is { Count: > 0 } stop)
        {
            AppendSetting(yaml, "stop", $"[{string.Join(", ", stop.Select(Quote))}]");
        }

        switch (model.ResponseFormat)
        {
            case null:
                break;
            case ChatResponseFormatText:
                AppendSetting(yaml, "response_format", "text");
                break;
            case ChatResponseFormatJson { Schema: null }:
                AppendSetting(yaml, "response_format", "json");
                break;
            case ChatResponseFormatJson { Schema: { } schema } json:
                AppendSetting(yaml, "schema", Json(schema));
                AppendSetting(yaml, "schema_name", json.SchemaName is null ? null : Quote(json.SchemaName));
                break;
            default:
                throw new NotSupportedException(
                    $"Prompt '{version.Name}' v{version.Version} has a response format ({model.ResponseFormat.GetType().Name}) the YAML prompt format cannot hold.");
        }

        if (model.Tools is { Count: > 0 } tools)
        {
            PromptYamlTools.Write(yaml, version, tools, Json);
        }

        if (model.Extras is { Count: > 0 } extras)
        {
            yaml.Append("\n  extras:");
            foreach (var (key, value) in extras.OrderBy(static e => e.Key, StringComparer.Ordinal))
            {
                yaml.Append("\n    ").Append(Quote(key)).Append(": ").Append(Extra(version, key, value));
            }
        }

        yaml.Append(yaml.Length == start ? " {}\n" : "\n");
    }

    private static void AppendSetting(StringBuilder yaml, string key, string? value)
    {
        if (value is not null)
        {
            yaml.Append("\n  ").Append(key).Append(": ").Append(value);
        }
    }

    private static string Extra(PromptVersion version, string key, object? value) => value switch
    {
        null => "null",
        JsonElement element => Json(element),
        string text => Quote(text),
        bool flag => flag ? "true" : "false",
        int or long or short or byte => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        double or float or decimal => ((IFormattable)value).ToString("R", CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException(
            $"Prompt '{version.Name}' v{version.Version} has model extra '{key}' of type {value.GetType().Name}, which the YAML prompt format cannot hold."),
    };

    private static string? Number(float? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteVariables(StringBuilder yaml, IReadOnlyList<PromptVariable> variables)
    {
        if (variables.Count == 0)
        {
            return;
        }

        yaml.Append("variables:\n");
        foreach (var variable in variables)
        {
            yaml.Append(Indent).Append(Quote(variable.Name)).Append(':');
            var start = yaml.Length;
            if (!variable.Required && variable.Default is null)
            {
                yaml.Append("\n    required: false");
            }
            else if (variable.Required && variable.Default is not null)
            {
                yaml.Append("\n    required: true"); // reads back as an error, reported with the prompt and version
            }

            if (variable.Default is { } value)
            {
                yaml.Append("\n    default: ").Append(Quote(value));
            }

            if (variable.Description is { } description)
            {
                yaml.Append("\n    description: ").Append(Quote(description));
            }

            yaml.Append(yaml.Length == start ? " {}\n" : "\n");
        }
    }

    // A template after its key: a literal block when YAML keeps every character of it, else one double-quoted line.
    private static void AppendTemplate(StringBuilder yaml, string template, string keyIndent)
    {
        if (!IsLiteralSafe(template))
        {
            yaml.Append(' ').Append(Quote(template)).Append('\n');
            return;
        }

        var body = template.TrimEnd('\n');
        var trailing = template.Length - body.Length;
        yaml.Append(trailing switch { 0 => " |-", 1 => " |", _ => " |+" }).Append('\n');
        var contentIndent = keyIndent + Indent;
        foreach (var line in template[..(body.Length + Math.Max(0, trailing - 1))].Split('\n'))
        {
            if (line.Length > 0)
            {
                yaml.Append(contentIndent).Append(line);
            }

            yaml.Append('\n');
        }
    }

    private static bool IsLiteralSafe(string template)
    {
        var body = template.TrimEnd('\n');
        if (!body.Contains('\n', StringComparison.Ordinal) || body.Length == 0)
        {
            return false; // one line: a quoted scalar is shorter and exact
        }

        var lines = body.Split('\n');
        var first = lines.First(static l => l.Length > 0);
        if (first[0] is ' ' or '\t')
        {
            return false; // the first line's indentation would be taken as the block's
        }

        foreach (var line in lines)
        {
            if (line.Length > 0 && line.Trim(' ', '\t').Length == 0)
            {
                return false; // a line of only spaces can change the block's indentation
            }
        }

        foreach (var c in template)
        {
            if ((char.IsControl(c) && c != '\n' && c != '\t') || c == '\uFEFF' || char.IsSurrogate(c) || c is '\u0085' or '\u2028' or '\u2029')
            {
                return false;
            }
        }

        return template[0] != '\n';
    }

    /// <summary>Quotes <paramref name="text"/> as a YAML double-quoted scalar, escaping what YAML would change.</summary>
    internal static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        quoted.Append(c).Append(text[++i]);
                    }
                    else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\uFEFF' or '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF')
                    {
                        quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    // JSON written as a YAML flow value: strings double-quoted (so they stay strings), numbers as written.
    private static string Json(JsonElement element)
    {
        var yaml = new StringBuilder();
        AppendJson(yaml, element);
        return yaml.ToString();
    }

    private static void AppendJson(StringBuilder yaml, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                yaml.Append('{');
                var firstProperty = true;
                foreach (var property in element.EnumerateObject())
                {
                    yaml.Append(firstProperty ? " " : ", ").Append(Quote(property.Name)).Append(": ");
                    AppendJson(yaml, property.Value);
                    firstProperty = false;
                }

                yaml.Append(firstProperty ? "}" : " }");
                break;
            case JsonValueKind.Array:
                yaml.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    yaml.Append(firstItem ? string.Empty : ", ");
                    AppendJson(yaml, item);
                    firstItem = false;
                }

                yaml.Append(']');
                break;
            case JsonValueKind.String:
                yaml.Append(Quote(element.GetString() ?? string.Empty));
                break;
            case JsonValueKind.True:
                yaml.Append("true");
                break;
            case JsonValueKind.False:
                yaml.Append("false");
                break;
            case JsonValueKind.Null:
                yaml.Append("null");
                break;
            default:
                yaml.Append(element.GetRawText());
                break;
        }
    }
}

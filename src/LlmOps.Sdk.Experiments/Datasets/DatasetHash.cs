using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LlmOps.Sdk.Experiments;

/// <summary>Hashes dataset items and datasets in a canonical form, so the same data gives the same hash from JSONL, CSV or code.</summary>
internal static class DatasetHash
{
    /// <summary>Hashes an item's variables (sorted by name), reference answers and metadata (sorted by key).</summary>
    public static string OfItem(DatasetItem item)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("variables");
            WriteMap(json, item.Variables.Select(static v => (v.Key, v.Value)));
            json.WriteStartArray("expected");
            foreach (var answer in item.ReferenceAnswers)
            {
                json.WriteStringValue(answer.ReplaceLineEndings("\n"));
            }

            json.WriteEndArray();
            json.WritePropertyName("metadata");
            WriteMap(json, item.Metadata.Select(static m => (m.Key, (object?)m.Value)));
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>Hashes a dataset: each item's id and content hash, in order.</summary>
    public static string OfItems(IReadOnlyList<DatasetItem> items)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in items)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(item.Id));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(item.ContentHash));
            hash.AppendData([(byte)'\n']);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Writes a value as JSON with object keys sorted, so equal content gives equal bytes.</summary>
    public static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case JsonElement element:
                WriteElement(json, element);
                break;
            case string text:
                json.WriteStringValue(text.ReplaceLineEndings("\n"));
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case IReadOnlyDictionary<string, object?> map:
                WriteMap(json, map.Select(static e => (e.Key, e.Value)));
                break;
            case IDictionary dictionary:
                WriteMap(json, dictionary.Cast<DictionaryEntry>().Select(static e => (Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty, e.Value)));
                break;
            case IFormattable formattable:
                json.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IEnumerable sequence:
                json.WriteStartArray();
                foreach (var element in sequence)
                {
                    WriteValue(json, element);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }

    private static void WriteMap(Utf8JsonWriter json, IEnumerable<(string Key, object? Value)> entries)
    {
        json.WriteStartObject();
        foreach (var (key, value) in entries.OrderBy(static e => e.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(key);
            WriteValue(json, value);
        }

        json.WriteEndObject();
    }

    private static void WriteElement(Utf8JsonWriter json, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteMap(json, element.EnumerateObject().Select(static p => (p.Name, (object?)p.Value)));
                break;
            case JsonValueKind.Array:
                json.WriteStartArray();
                foreach (var child in element.EnumerateArray())
                {
                    WriteElement(json, child);
                }

                json.WriteEndArray();
                break;
            case JsonValueKind.String:
                json.WriteStringValue(element.GetString()!.ReplaceLineEndings("\n")); // a String element always has a string
                break;
            default:
                element.WriteTo(json);
                break;
        }
    }
}

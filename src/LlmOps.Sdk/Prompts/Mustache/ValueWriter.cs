using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Writes interpolated values: strings as they are, numbers and dates in the invariant culture, never re-parsed.</summary>
internal static class ValueWriter
{
    /// <summary>The format of dates and times: ISO 8601, which reads the same in every culture and to every model.</summary>
    private const string DateFormat = "O";

    public static void Write(in ContextValue value, ref OutputBuffer output, bool htmlEscape)
    {
        if (value.IsJson)
        {
            WriteJson(value.Json, ref output, htmlEscape);
        }
        else
        {
            WriteObject(value.Object, ref output, htmlEscape);
        }
    }

    /// <summary>Writes a typed value; for the common value types, the JIT compiles this to one branch and no boxing.</summary>
    public static void WriteValue<T>(T value, ref OutputBuffer output, bool htmlEscape)
    {
        if (typeof(T) == typeof(string))
        {
            if (value is not null)
            {
                output.AppendText((string)(object)value, htmlEscape);
            }

            return;
        }

        if (typeof(T).IsValueType)
        {
            if (typeof(T) == typeof(int))
            {
                output.AppendFormatted((int)(object)value!, default);
                return;
            }

            if (typeof(T) == typeof(long))
            {
                output.AppendFormatted((long)(object)value!, default);
                return;
            }

            if (typeof(T) == typeof(double))
            {
                output.AppendFormatted((double)(object)value!, default);
                return;
            }

            if (typeof(T) == typeof(decimal))
            {
                output.AppendFormatted((decimal)(object)value!, default);
                return;
            }

            if (typeof(T) == typeof(float))
            {
                output.AppendFormatted((float)(object)value!, default);
                return;
            }

            if (typeof(T) == typeof(bool))
            {
                output.Append((bool)(object)value! ? "true" : "false");
                return;
            }

            if (typeof(T) == typeof(DateTime))
            {
                output.AppendFormatted((DateTime)(object)value!, DateFormat);
                return;
            }

            if (typeof(T) == typeof(DateTimeOffset))
            {
                output.AppendFormatted((DateTimeOffset)(object)value!, DateFormat);
                return;
            }

            if (typeof(T) == typeof(DateOnly))
            {
                output.AppendFormatted((DateOnly)(object)value!, DateFormat);
                return;
            }

            if (typeof(T) == typeof(Guid))
            {
                output.AppendFormatted((Guid)(object)value!, default);
                return;
            }

            if (typeof(T) == typeof(JsonElement))
            {
                WriteJson((JsonElement)(object)value!, ref output, htmlEscape);
                return;
            }
        }

        WriteObject(value, ref output, htmlEscape);
    }

    public static void WriteObject(object? value, ref OutputBuffer output, bool htmlEscape)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                output.AppendText(text, htmlEscape);
                return;
            case bool flag:
                output.Append(flag ? "true" : "false");
                return;
            case char c:
                output.AppendText([c], htmlEscape);
                return;
            case JsonElement json:
                WriteJson(json, ref output, htmlEscape);
                return;
            case JsonValue json:
                if (json.TryGetValue<object>(out var inner))
                {
                    WriteObject(inner, ref output, htmlEscape);
                }

                return;
            case JsonNode json:
                output.AppendText(json.ToJsonString(), htmlEscape);
                return;
            case DateTime date:
                output.AppendFormatted(date, DateFormat);
                return;
            case DateTimeOffset date:
                output.AppendFormatted(date, DateFormat);
                return;
            case DateOnly date:
                output.AppendFormatted(date, DateFormat);
                return;
            case TimeOnly time:
                output.AppendFormatted(time, DateFormat);
                return;
            case Enum:
                output.AppendText(value.ToString(), htmlEscape);
                return;
            case ISpanFormattable formattable:
                output.AppendFormatted(formattable, default);
                return;
            case IFormattable formattable:
                output.AppendText(formattable.ToString(null, CultureInfo.InvariantCulture), htmlEscape);
                return;
            default:
                output.AppendText(value.ToString(), htmlEscape);
                return;
        }
    }

    public static void WriteJson(JsonElement json, ref OutputBuffer output, bool htmlEscape)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                output.AppendText(json.GetString(), htmlEscape);
                return;
            case JsonValueKind.Number:
                if (json.TryGetInt64(out var integer))
                {
                    output.AppendFormatted(integer, default);
                }
                else
                {
                    output.AppendFormatted(json.GetDouble(), default);
                }

                return;
            case JsonValueKind.True:
                output.Append("true");
                return;
            case JsonValueKind.False:
                output.Append("false");
                return;
            case JsonValueKind.Object or JsonValueKind.Array:
                output.AppendText(json.GetRawText(), htmlEscape);
                return;
            default:
                return; // null and undefined render as nothing
        }
    }
}

using System.Text.Json;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>A value on the context stack: an object, or a <see cref="JsonElement"/> kept unboxed.</summary>
internal readonly struct ContextValue
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    public ContextValue(object? value)
    {
        if (value is JsonElement json)
        {
            Json = json;
            IsJson = true;
        }
        else
        {
            Object = value;
        }
    }

    public ContextValue(JsonElement json)
    {
        Json = json;
        IsJson = true;
    }

    public object? Object { get; }

    public JsonElement Json { get; }

    public bool IsJson { get; }

    /// <summary>Wraps a typed value without boxing the values that sections test most: flags and JSON elements.</summary>
    public static ContextValue From<T>(T value)
    {
        if (typeof(T) == typeof(bool))
        {
            return new ContextValue((bool)(object)value! ? BoxedTrue : BoxedFalse); // the JIT removes this box for T = bool
        }

        if (typeof(T) == typeof(JsonElement))
        {
            return new ContextValue((JsonElement)(object)value!); // and this one for T = JsonElement
        }

        return new ContextValue(value);
    }
}

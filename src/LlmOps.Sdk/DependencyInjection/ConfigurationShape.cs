namespace LlmOps.Sdk.DependencyInjection;

/// <summary>The keys an options class accepts from configuration: a value, a section of named keys, or a map of free keys.</summary>
/// <remarks>
/// A static description instead of reflection over the options classes, so that checking configuration stays trim- and
/// AOT-safe; a test compares it with the options classes, so that it cannot fall behind them.
/// </remarks>
internal sealed class ConfigurationShape
{
    private static readonly Dictionary<string, ConfigurationShape> NoKeys = new(StringComparer.OrdinalIgnoreCase);

    private ConfigurationShape(ConfigurationShapeKind kind, Dictionary<string, ConfigurationShape> keys, ConfigurationShape? item, string? codeOnlyFix)
    {
        Kind = kind;
        Keys = keys;
        Item = item;
        CodeOnlyFix = codeOnlyFix;
    }

    /// <summary>Gets what the key holds.</summary>
    public ConfigurationShapeKind Kind { get; }

    /// <summary>Gets the keys of a section, compared without case as configuration does; empty for the other kinds.</summary>
    public IReadOnlyDictionary<string, ConfigurationShape> Keys { get; }

    /// <summary>Gets the shape of each entry of a map, whose keys are free (model names in a price table, say).</summary>
    public ConfigurationShape? Item { get; }

    /// <summary>Gets how to set an option that configuration cannot hold (a delegate, an object), for the error message.</summary>
    public string? CodeOnlyFix { get; }

    /// <summary>A single value: a number, text, a time span, a flag or an enum name.</summary>
    public static ConfigurationShape Value { get; } = new(ConfigurationShapeKind.Value, NoKeys, item: null, codeOnlyFix: null);

    /// <summary>Returns a section with the given keys.</summary>
    public static ConfigurationShape Section(params (string Key, ConfigurationShape Shape)[] keys)
    {
        var map = new Dictionary<string, ConfigurationShape>(keys.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, shape) in keys)
        {
            map.Add(key, shape);
        }

        return new(ConfigurationShapeKind.Section, map, item: null, codeOnlyFix: null);
    }

    /// <summary>Returns a map (a dictionary or a list) whose entries each have <paramref name="item"/>'s shape.</summary>
    public static ConfigurationShape Map(ConfigurationShape item) => new(ConfigurationShapeKind.Map, NoKeys, item, codeOnlyFix: null);

    /// <summary>Returns an option that only code can set, with how to set it.</summary>
    public static ConfigurationShape CodeOnly(string fix) => new(ConfigurationShapeKind.CodeOnly, NoKeys, item: null, fix);
}

using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads a YAML document with every value's position, so each error names the file, line and column.</summary>
internal sealed class YamlDocument
{
    // Positions of nodes that were put into this document from elsewhere: resolved references keep where they were written.
    private Dictionary<YamlNode, SourceSpan>? _moved;

    private YamlDocument(string filePath, YamlNode? root, int lineOffset)
    {
        FilePath = filePath;
        Root = root;
        LineOffset = lineOffset;
    }

    public string FilePath { get; }

    public YamlNode? Root { get; }

    /// <summary>How many lines of the file come before the YAML text (a front matter's opening fence).</summary>
    public int LineOffset { get; }

    public static YamlDocument Parse(string filePath, string text, int lineOffset = 0)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException error)
        {
            var at = new SourceSpan(filePath, (int)error.Start.Line + lineOffset, (int)error.Start.Column);
            throw at.Error($"This is not valid YAML: {error.InnerException?.Message ?? error.Message} Fix the YAML syntax at this position.", inner: error);
        }
        catch (InvalidOperationException error)
        {
            // YamlDotNet's scanner fails this way, with no position, on some unclosed flow values (`[0.2` then a new
            // key); the last event the parser produced is where the value it could not finish starts.
            var start = parser.Current?.Start ?? Mark.Empty;
            var at = new SourceSpan(filePath, Math.Max(1, (int)start.Line) + lineOffset, Math.Max(1, (int)start.Column));
            throw at.Error(
                "This is not valid YAML: the value that starts here is never finished (often a '[' or '{' without its closing bracket). Fix the YAML syntax at this position.",
                inner: error);
        }

        return new YamlDocument(filePath, stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null, lineOffset);
    }

    public SourceSpan At(YamlNode node) =>
        _moved is not null && _moved.TryGetValue(node, out var span)
            ? span
            : new(FilePath, (int)node.Start.Line + LineOffset, (int)node.Start.Column);

    /// <summary>Records that <paramref name="node"/>, now part of this document, was written at <paramref name="span"/>.</summary>
    public void Moved(YamlNode node, SourceSpan span) =>
        (_moved ??= new Dictionary<YamlNode, SourceSpan>(ReferenceEqualityComparer.Instance))[node] = span;

    public YamlMappingNode Mapping(YamlNode? node, string what)
    {
        return node switch
        {
            YamlMappingNode mapping => mapping,
            null => new YamlMappingNode(),
            YamlScalarNode { Value: null or "" or "~" or "null" } => new YamlMappingNode(),
            _ => throw At(node).Error($"{what} must be a mapping of keys to values."),
        };
    }

    public void OnlyKeys(YamlMappingNode mapping, string what, params string[] known)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = Scalar(key, "a key");
            if (Array.IndexOf(known, name) < 0)
            {
                throw At(key).Error($"Unknown key '{name}' in {what}. Known keys: {string.Join(", ", known)}.");
            }
        }
    }

    public static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string Scalar(YamlNode node, string what) => node is YamlScalarNode { Value: { } value }
        ? value
        : throw At(node).Error($"{what} must be a single value, not a list or mapping.");

    public string? OptionalString(YamlMappingNode mapping, string key)
    {
        var node = Get(mapping, key);
        return node is null || IsNull(node) ? null : Scalar(node, $"'{key}'");
    }

    public int? OptionalInt(YamlMappingNode mapping, string key, int min, int max)
    {
        var node = Get(mapping, key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        var text = Scalar(node, $"'{key}'");
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw At(node).Error($"'{key}' is '{text}'; it must be a whole number from {min} to {max}.");
    }

    public long? OptionalLong(YamlMappingNode mapping, string key)
    {
        var node = Get(mapping, key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        var text = Scalar(node, $"'{key}'");
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw At(node).Error($"'{key}' is '{text}'; it must be a whole number from {long.MinValue} to {long.MaxValue}.");
    }

    public float? OptionalFloat(YamlMappingNode mapping, string key, float min, float max)
    {
        var node = Get(mapping, key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        var text = Scalar(node, $"'{key}'");
        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw At(node).Error($"'{key}' is '{text}'; it must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
    }

    public bool? OptionalBool(YamlMappingNode mapping, string key)
    {
        var node = Get(mapping, key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        var text = Scalar(node, $"'{key}'");
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw At(node).Error($"'{key}' is '{text}'; it must be true or false."),
        };
    }

    public IReadOnlyList<string>? OptionalStringList(YamlMappingNode mapping, string key)
    {
        var node = Get(mapping, key);
        return node switch
        {
            null => null,
            YamlSequenceNode sequence => [.. sequence.Children.Select(item => Scalar(item, $"Each item of '{key}'"))],
            _ when IsNull(node) => null,
            _ => [Scalar(node, $"'{key}'")],
        };
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };
}

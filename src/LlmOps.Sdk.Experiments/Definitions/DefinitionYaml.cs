using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Experiments;

/// <summary>Reads typed values from a parsed YAML file, each error naming the file, line and column of the bad value.</summary>
internal sealed class DefinitionYaml
{
    private DefinitionYaml(string filePath, YamlNode? root)
    {
        FilePath = filePath;
        Root = root;
    }

    public string FilePath { get; }

    public YamlNode? Root { get; }

    public static DefinitionYaml Parse(string text, string filePath)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException error)
        {
            throw Error(filePath, (int)error.Start.Line, (int)error.Start.Column,
                $"This is not valid YAML: {error.InnerException?.Message ?? error.Message} Fix the YAML syntax at this position.", error);
        }
        catch (InvalidOperationException error)
        {
            // YamlDotNet's scanner fails this way, with no position, on some unclosed flow values: the parser's last
            // event is where the value it could not finish starts.
            var start = parser.Current?.Start ?? Mark.Empty;
            throw Error(filePath, Math.Max(1, (int)start.Line), Math.Max(1, (int)start.Column),
                "This is not valid YAML: the value that starts here is never finished (often a '[' or '{' without its closing bracket).", error);
        }

        return new DefinitionYaml(filePath, stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null);
    }

    public ExperimentDefinitionException Error(YamlNode node, string message) =>
        Error(FilePath, (int)node.Start.Line, (int)node.Start.Column, message);

    public ExperimentDefinitionException Error(string message) => Error(FilePath, 1, 1, message);

    public YamlMappingNode Mapping(YamlNode? node, string what) => node switch
    {
        YamlMappingNode mapping => mapping,
        null => new YamlMappingNode(),
        _ when IsNull(node) => new YamlMappingNode(),
        _ => throw Error(node, $"{what} must be a mapping of keys to values."),
    };

    public void OnlyKeys(YamlMappingNode mapping, string what, params string[] known)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = Scalar(key, "A key");
            if (Array.IndexOf(known, name) < 0)
            {
                throw Error(key, $"Unknown key '{name}' in {what}. Known keys: {string.Join(", ", known)}.");
            }
        }
    }

    public static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

    public string Scalar(YamlNode node, string what) => node is YamlScalarNode { Value: { } value }
        ? value
        : throw Error(node, $"{what} must be a single value, not a list or mapping.");

    public string? OptionalString(YamlMappingNode mapping, string key) =>
        Get(mapping, key) is { } node ? Scalar(node, $"'{key}'") : null;

    public string RequiredString(YamlMappingNode mapping, YamlNode owner, string key, string what)
    {
        var value = OptionalString(mapping, key);
        return string.IsNullOrWhiteSpace(value) ? throw Error(owner, $"{what} has no '{key}'. Add '{key}: …'.") : value;
    }

    public int? OptionalInt(YamlMappingNode mapping, string key, int min, int max)
    {
        if (Get(mapping, key) is not { } node)
        {
            return null;
        }

        var text = Scalar(node, $"'{key}'");
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(node, $"'{key}' is '{text}'; it must be a whole number from {min} to {max}.");
    }

    public double? OptionalDouble(YamlMappingNode mapping, string key, double min, double max)
    {
        if (Get(mapping, key) is not { } node)
        {
            return null;
        }

        var text = Scalar(node, $"'{key}'");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(node, $"'{key}' is '{text}'; it must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
    }

    public bool? OptionalBool(YamlMappingNode mapping, string key)
    {
        if (Get(mapping, key) is not { } node)
        {
            return null;
        }

        var text = Scalar(node, $"'{key}'");
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error(node, $"'{key}' is '{text}'; it must be true or false."),
        };
    }

    /// <summary>Reads a list of single values; one value alone counts as a list of one.</summary>
    public IReadOnlyList<string> StringList(YamlMappingNode mapping, string key) => Get(mapping, key) switch
    {
        null => [],
        YamlSequenceNode sequence => [.. sequence.Children.Select(item => Scalar(item, $"Each item of '{key}'"))],
        { } node => [Scalar(node, $"'{key}'")],
    };

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static ExperimentDefinitionException Error(string filePath, int line, int column, string message, Exception? inner = null) =>
        new($"{filePath}({line},{column}): {message}", inner) { FilePath = filePath, Line = line, Column = column };
}

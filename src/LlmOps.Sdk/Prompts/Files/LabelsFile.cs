using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads a prompt folder's <c>labels.yaml</c>: each label points to a version, or to weighted versions.</summary>
/// <example>
/// <code>
/// production: 2
/// staging:
///   - { version: 3, weight: 90 }
///   - { version: 2, weight: 10 }
/// </code>
/// </example>
internal static class LabelsFile
{
    public static Dictionary<string, (IReadOnlyList<PromptVersionWeight> Targets, SourceSpan At)> Parse(string filePath, string text)
    {
        var yaml = YamlDocument.Parse(filePath, text);
        Dictionary<string, (IReadOnlyList<PromptVersionWeight>, SourceSpan)> labels = new(StringComparer.Ordinal);
        foreach (var (key, value) in yaml.Mapping(yaml.Root, "A labels file").Children)
        {
            var label = yaml.Scalar(key, "A label");
            if (!PromptName.IsValid(label))
            {
                throw yaml.At(key).Error($"'{label}' is not a valid label. Use ASCII letters, digits, '-', '_', '.' or '/'.");
            }

            labels[label] = (value switch
            {
                YamlSequenceNode targets => [.. targets.Children.Select(t => Target(yaml, label, t))],
                _ => [new PromptVersionWeight(Version(yaml, label, value))],
            }, yaml.At(key));
        }

        return labels;
    }

    private static PromptVersionWeight Target(YamlDocument yaml, string label, YamlNode node)
    {
        var target = yaml.Mapping(node, $"Each target of label '{label}'");
        yaml.OnlyKeys(target, $"a target of label '{label}'", "version", "weight");
        var version = YamlDocument.Get(target, "version") ?? throw yaml.At(node).Error($"A target of label '{label}' has no 'version'.");
        var weightNode = YamlDocument.Get(target, "weight");
        var weight = 1d;
        if (weightNode is not null
            && !(double.TryParse(yaml.Scalar(weightNode, "'weight'"), NumberStyles.Float, CultureInfo.InvariantCulture, out weight) && weight > 0))
        {
            throw yaml.At(weightNode).Error($"The weight of a target of label '{label}' must be a positive number.");
        }

        return new PromptVersionWeight(Version(yaml, label, version), weight);
    }

    private static int Version(YamlDocument yaml, string label, YamlNode node)
    {
        var text = yaml.Scalar(node, $"Label '{label}'");
        return int.TryParse(text.TrimStart('v', 'V'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw yaml.At(node).Error($"Label '{label}' points to '{text}'; give a version number such as 3.");
    }
}

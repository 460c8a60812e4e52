using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads a <c>.prompty</c> file's <c>template</c> setting and refuses what LlmOps.Sdk cannot render.</summary>
/// <remarks>
/// v1 writes <c>template: jinja2</c> or <c>{ type: jinja2, parser: prompty }</c>; v2 writes
/// <c>{ format: { kind: mustache }, parser: { kind: prompty } }</c> or the short strings. With no setting the format is
/// Jinja2, as the specification says. A Jinja2 or Nunjucks template that uses only <c>{{name}}</c> reads the same as
/// Mustache, so it loads; one that uses anything else of Jinja is refused where it first does.
/// </remarks>
internal static class PromptyTemplateFormat
{
    public static (string Format, YamlNode? Node) Read(YamlDocument yaml, YamlMappingNode front)
    {
        var node = YamlDocument.Get(front, "template");
        if (node is null || YamlDocument.IsNull(node))
        {
            return ("jinja2", null);
        }

        if (node is not YamlMappingNode mapping)
        {
            return (Check(yaml, node, yaml.Scalar(node, "'template'")), node);
        }

        var formatNode = YamlDocument.Get(mapping, "format") ?? YamlDocument.Get(mapping, "type");
        var parserNode = YamlDocument.Get(mapping, "parser");
        if (parserNode is not null && Kind(yaml, parserNode, "'template.parser'") is var parser && parser is not ("prompty" or "*"))
        {
            throw yaml.At(parserNode).Error(
                $"This prompt's template parser is '{parser}'. LlmOps.Sdk reads the prompty parser only (role lines such as 'system:' and 'user:'). Remove 'parser', or set it to 'prompty'.");
        }

        return formatNode is null ? ("jinja2", node) : (Check(yaml, formatNode, Kind(yaml, formatNode, "'template.format'")), formatNode);
    }

    public static bool IsJinja(string format) => format is "jinja2" or "jinja" or "nunjucks";

    private static string Kind(YamlDocument yaml, YamlNode node, string what) => node is YamlMappingNode mapping
        ? yaml.OptionalString(mapping, "kind") ?? "*"
        : yaml.Scalar(node, what);

    private static string Check(YamlDocument yaml, YamlNode node, string format)
    {
        var normalised = format.Trim().ToLowerInvariant();
        return normalised is "mustache" or "*" || IsJinja(normalised)
            ? normalised
            : throw yaml.At(node).Error(
                $"This prompt's template format is '{format}', which LlmOps.Sdk does not render. Rewrite the template in Mustache and set 'template: mustache'.");
    }
}

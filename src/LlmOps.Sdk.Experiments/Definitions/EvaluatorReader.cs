using System.Text.RegularExpressions;
using LlmOps.Sdk.Evaluation;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Experiments;

/// <summary>Reads one entry of <c>evaluators:</c>: a kind alone (<c>token_f1</c>) or a mapping with its settings.</summary>
internal static class EvaluatorReader
{
    private static readonly Dictionary<string, string[]> SettingsByKind = new(StringComparer.Ordinal)
    {
        [TokenF1Evaluator.DefaultName] = ["pass_threshold"],
        [ExactMatchEvaluator.DefaultName] = [],
        [BleuEvaluator.DefaultName] = ["pass_threshold"],
        [LevenshteinEvaluator.DefaultName] = ["pass_threshold"],
        [JsonValidityEvaluator.DefaultName] = ["allow_markdown_fence"],
        [ContainsEvaluator.DefaultName] = ["name", "values"],
        [NotContainsEvaluator.DefaultName] = ["name", "values"],
        [RegexEvaluator.DefaultName] = ["name", "pattern"],
        [LengthEvaluator.DefaultName] = ["min_length", "max_length"],
        [LatencyBudgetEvaluator.DefaultName] = ["budget_ms"],
        [CostBudgetEvaluator.DefaultName] = ["max_cost_usd"],
        [PiiLeakEvaluator.DefaultName] = ["name"],
    };

    public static EvaluatorDefinition Read(DefinitionYaml file, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            var kind = CheckKind(file, node, file.Scalar(node, "An evaluator"));
            return RequiredSetting(kind) is { } setting
                ? throw file.Error(node, $"Evaluator '{kind}' needs '{setting}'. Write it as a mapping: '- kind: {kind}' with '{setting}: …' under it.")
                : new EvaluatorDefinition { Kind = kind };
        }

        var mapping = file.Mapping(node, "An evaluator");
        var kindNode = DefinitionYaml.Get(mapping, "kind")
            ?? throw file.Error(node, $"An evaluator has no 'kind'. Add 'kind:' with one of: {string.Join(", ", EvaluatorDefinition.Kinds)}.");
        var name = CheckKind(file, kindNode, file.Scalar(kindNode, "'kind'"));
        file.OnlyKeys(mapping, $"evaluator '{name}'", ["kind", .. SettingsByKind[name]]);

        var definition = new EvaluatorDefinition
        {
            Kind = name,
            Name = file.OptionalString(mapping, "name"),
            PassThreshold = file.OptionalDouble(mapping, "pass_threshold", 0, 1),
            Values = file.StringList(mapping, "values"),
            Pattern = file.OptionalString(mapping, "pattern"),
            MinLength = file.OptionalInt(mapping, "min_length", 0, int.MaxValue),
            MaxLength = file.OptionalInt(mapping, "max_length", 0, int.MaxValue),
            Budget = file.OptionalInt(mapping, "budget_ms", 1, int.MaxValue) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            MaxCostUsd = file.OptionalDouble(mapping, "max_cost_usd", 0, double.MaxValue),
            AllowMarkdownFence = file.OptionalBool(mapping, "allow_markdown_fence") ?? false,
        };

        if (RequiredSetting(name) is { } missing && DefinitionYaml.Get(mapping, missing) is null)
        {
            throw file.Error(node, $"Evaluator '{name}' has no '{missing}'. Add '{missing}: …'.");
        }

        if (definition.Pattern is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException error)
            {
                throw file.Error(DefinitionYaml.Get(mapping, "pattern")!, $"'pattern' is not a valid regular expression: {error.Message}"); // set when Pattern is
            }
        }

        return definition;
    }

    private static string? RequiredSetting(string kind) => kind switch
    {
        ContainsEvaluator.DefaultName or NotContainsEvaluator.DefaultName => "values",
        RegexEvaluator.DefaultName => "pattern",
        LatencyBudgetEvaluator.DefaultName => "budget_ms",
        CostBudgetEvaluator.DefaultName => "max_cost_usd",
        _ => null,
    };

    private static string CheckKind(DefinitionYaml file, YamlNode node, string kind) => SettingsByKind.ContainsKey(kind)
        ? kind
        : throw file.Error(node, $"Unknown evaluator '{kind}'. Known evaluators: {string.Join(", ", EvaluatorDefinition.Kinds)}.");
}

using System.Text.RegularExpressions;
using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Experiments;

/// <summary>One evaluator of an experiment, by kind, with its settings.</summary>
/// <remarks>The kinds are the built-in evaluators' names: <c>token_f1</c>, <c>exact_match</c>, <c>bleu</c>, <c>levenshtein</c>,
/// <c>json_valid</c>, <c>contains</c>, <c>not_contains</c>, <c>regex</c>, <c>length</c>, <c>latency_budget</c>,
/// <c>cost_budget</c> and <c>pii_leak</c>.</remarks>
public sealed record EvaluatorDefinition
{
    /// <summary>The evaluator kinds a definition may name.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        TokenF1Evaluator.DefaultName, ExactMatchEvaluator.DefaultName, BleuEvaluator.DefaultName, LevenshteinEvaluator.DefaultName,
        JsonValidityEvaluator.DefaultName, ContainsEvaluator.DefaultName, NotContainsEvaluator.DefaultName, RegexEvaluator.DefaultName,
        LengthEvaluator.DefaultName, LatencyBudgetEvaluator.DefaultName, CostBudgetEvaluator.DefaultName, PiiLeakEvaluator.DefaultName,
    ];

    /// <summary>Gets the evaluator's kind, such as <c>token_f1</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the name its scores carry; the kind unless the definition renames it.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the score from which a case passes (<c>token_f1</c>, <c>bleu</c>, <c>levenshtein</c>).</summary>
    public double? PassThreshold { get; init; }

    /// <summary>Gets the texts to look for (<c>contains</c>, <c>not_contains</c>).</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Gets the regular expression (<c>regex</c>).</summary>
    public string? Pattern { get; init; }

    /// <summary>Gets the shortest acceptable answer in characters (<c>length</c>).</summary>
    public int? MinLength { get; init; }

    /// <summary>Gets the longest acceptable answer in characters (<c>length</c>).</summary>
    public int? MaxLength { get; init; }

    /// <summary>Gets the latency budget (<c>latency_budget</c>).</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>Gets the cost budget in US dollars (<c>cost_budget</c>).</summary>
    public double? MaxCostUsd { get; init; }

    /// <summary>Gets whether a JSON answer may be wrapped in a Markdown code fence (<c>json_valid</c>).</summary>
    public bool AllowMarkdownFence { get; init; }

    /// <summary>Creates the evaluator this definition describes.</summary>
    /// <returns>A new evaluator.</returns>
    /// <exception cref="InvalidOperationException">The kind is unknown or a setting it needs is missing.</exception>
    public IResponseEvaluator CreateEvaluator() => Kind switch
    {
        TokenF1Evaluator.DefaultName => new TokenF1Evaluator(PassThreshold ?? 0.5),
        ExactMatchEvaluator.DefaultName => new ExactMatchEvaluator(),
        BleuEvaluator.DefaultName => new BleuEvaluator(PassThreshold ?? 0.3),
        LevenshteinEvaluator.DefaultName => new LevenshteinEvaluator(PassThreshold ?? 0.8),
        JsonValidityEvaluator.DefaultName => new JsonValidityEvaluator(AllowMarkdownFence),
        ContainsEvaluator.DefaultName => new ContainsEvaluator(Values, name: Name ?? ContainsEvaluator.DefaultName),
        NotContainsEvaluator.DefaultName => new NotContainsEvaluator(Values, name: Name ?? NotContainsEvaluator.DefaultName),
        RegexEvaluator.DefaultName => new RegexEvaluator(
            Pattern ?? throw new InvalidOperationException("A regex evaluator needs a 'pattern'."), RegexOptions.None, Name ?? RegexEvaluator.DefaultName),
        LengthEvaluator.DefaultName => new LengthEvaluator(MinLength, MaxLength),
        LatencyBudgetEvaluator.DefaultName => new LatencyBudgetEvaluator(
            Budget ?? throw new InvalidOperationException("A latency_budget evaluator needs a 'budget_ms'.")),
        CostBudgetEvaluator.DefaultName => new CostBudgetEvaluator(
            MaxCostUsd ?? throw new InvalidOperationException("A cost_budget evaluator needs a 'max_cost_usd'.")),
        PiiLeakEvaluator.DefaultName => new PiiLeakEvaluator(Name ?? PiiLeakEvaluator.DefaultName),
        _ => throw new InvalidOperationException($"Unknown evaluator kind '{Kind}'. Known kinds: {string.Join(", ", Kinds)}."),
    };
}

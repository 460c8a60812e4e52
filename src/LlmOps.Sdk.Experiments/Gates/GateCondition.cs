using System.Globalization;

namespace LlmOps.Sdk.Experiments;

/// <summary>A threshold that fails the gate when it holds, such as <c>token_f1.mean &lt; 0.70</c>.</summary>
/// <remarks>
/// <para>The grammar is <c>[candidate:]metric op number</c>. Without a candidate, the condition is checked for every
/// candidate that has the metric. A number may end in <c>%</c>: <c>70%</c> is 0.70.</para>
/// <para>Score metrics are <c>&lt;score&gt;.</c> followed by <c>mean</c>, <c>sd</c>, <c>ci_lower</c>, <c>ci_upper</c>,
/// <c>pass_rate</c> or <c>count</c>; against the baseline, <c>diff</c>, <c>diff_ci_lower</c>, <c>diff_ci_upper</c> or
/// <c>p_value</c>. Candidate metrics are <c>pass_rate</c>, <c>error_rate</c>, <c>errors</c>, <c>regressions</c>,
/// <c>unstable_items</c>, <c>output_agreement</c>, <c>latency.p50</c>, <c>latency.p95</c>, <c>latency.mean</c>,
/// <c>cost.total</c>, <c>cost.per_item</c>, <c>tokens.input</c> and <c>tokens.output</c>.</para>
/// </remarks>
public sealed class GateCondition
{
    internal static readonly string[] CandidateMetrics =
    [
        "pass_rate", "error_rate", "errors", "regressions", "unstable_items", "output_agreement",
        "latency.p50", "latency.p95", "latency.mean", "cost.total", "cost.per_item", "tokens.input", "tokens.output",
    ];

    internal static readonly string[] ScoreMetrics =
        ["mean", "sd", "ci_lower", "ci_upper", "pass_rate", "count", "diff", "diff_ci_lower", "diff_ci_upper", "p_value"];

    private GateCondition(string expression, string? candidate, string metric, string? score, GateOperator op, double threshold)
    {
        Expression = expression;
        Candidate = candidate;
        Metric = metric;
        Score = score;
        Operator = op;
        Threshold = threshold;
    }

    /// <summary>Gets the condition as written.</summary>
    public string Expression { get; }

    /// <summary>Gets the candidate the condition is checked for, or <see langword="null"/> for every candidate.</summary>
    public string? Candidate { get; }

    /// <summary>Gets the metric, such as <c>token_f1.mean</c> or <c>latency.p95</c>.</summary>
    public string Metric { get; }

    /// <summary>Gets the score the metric is about, or <see langword="null"/> for a candidate metric such as <c>latency.p95</c>.</summary>
    public string? Score { get; }

    /// <summary>Gets the comparison.</summary>
    public GateOperator Operator { get; }

    /// <summary>Gets the threshold.</summary>
    public double Threshold { get; }

    /// <summary>Parses a condition such as <c>token_f1.mean &lt; 0.70</c>.</summary>
    /// <param name="expression">The condition.</param>
    /// <returns>The parsed condition.</returns>
    /// <exception cref="GateConditionException">The condition does not parse; the message names the column.</exception>
    public static GateCondition Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var position = 0;
        SkipSpaces(expression, ref position);
        var start = position;
        var name = ReadName(expression, ref position);
        if (name.Length == 0)
        {
            throw new GateConditionException(expression, position + 1, "expected a metric such as 'token_f1.mean'.");
        }

        string? candidate = null;
        if (position < expression.Length && expression[position] == ':')
        {
            candidate = name;
            position++;
            start = position;
            name = ReadName(expression, ref position);
            if (name.Length == 0)
            {
                throw new GateConditionException(expression, position + 1, $"expected a metric after the candidate '{candidate}:'.");
            }
        }

        var score = MetricScore(expression, name, start);
        SkipSpaces(expression, ref position);
        var operatorColumn = position + 1;
        var op = ReadOperator(expression, ref position)
            ?? throw new GateConditionException(expression, operatorColumn, "expected one of <, <=, >, >=, ==, != after the metric.");
        SkipSpaces(expression, ref position);
        var numberStart = position;
        while (position < expression.Length && (char.IsAsciiDigit(expression[position]) || expression[position] is '.' or '-' or '+' or 'e' or 'E'))
        {
            position++;
        }

        if (!double.TryParse(expression.AsSpan(numberStart, position - numberStart), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
        {
            throw new GateConditionException(expression, numberStart + 1, "expected a number, such as 0.70 or 70%.");
        }

        if (position < expression.Length && expression[position] == '%')
        {
            threshold /= 100;
            position++;
        }

        SkipSpaces(expression, ref position);
        if (position < expression.Length)
        {
            throw new GateConditionException(expression, position + 1, $"unexpected '{expression[position..]}' after the number.");
        }

        return new GateCondition(expression.Trim(), candidate, name, score, op, threshold);
    }

    /// <summary>Gets whether a value meets the condition, which means the gate fails.</summary>
    /// <param name="value">The metric's value.</param>
    /// <returns><see langword="true"/> when the condition holds.</returns>
    public bool IsMetBy(double value) => Operator switch
    {
        GateOperator.LessThan => value < Threshold,
        GateOperator.LessThanOrEqual => value <= Threshold,
        GateOperator.GreaterThan => value > Threshold,
        GateOperator.GreaterThanOrEqual => value >= Threshold,
        GateOperator.Equal => value == Threshold,
        _ => value != Threshold,
    };

    /// <inheritdoc/>
    public override string ToString() => Expression;

    private static string? MetricScore(string expression, string name, int start)
    {
        if (CandidateMetrics.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        var dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            throw new GateConditionException(expression, start + 1,
                $"unknown metric '{name}'. Name a score's statistic, such as '{name}.mean', or one of {string.Join(", ", CandidateMetrics)}.");
        }

        var statistic = name[(dot + 1)..];
        if (!ScoreMetrics.Contains(statistic, StringComparer.Ordinal))
        {
            throw new GateConditionException(expression, start + dot + 2,
                $"unknown statistic '{statistic}'. A score has {string.Join(", ", ScoreMetrics)}.");
        }

        return name[..dot];
    }

    private static GateOperator? ReadOperator(string text, ref int position)
    {
        var rest = text.AsSpan(position);
        (string Token, GateOperator Operator)[] operators =
        [
            ("<=", GateOperator.LessThanOrEqual), (">=", GateOperator.GreaterThanOrEqual), ("==", GateOperator.Equal),
            ("!=", GateOperator.NotEqual), ("<", GateOperator.LessThan), (">", GateOperator.GreaterThan),
        ];
        foreach (var (token, op) in operators)
        {
            if (rest.StartsWith(token, StringComparison.Ordinal))
            {
                position += token.Length;
                return op;
            }
        }

        return null;
    }

    private static string ReadName(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or '.' or '-' or '/'))
        {
            position++;
        }

        return text[start..position];
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }
}

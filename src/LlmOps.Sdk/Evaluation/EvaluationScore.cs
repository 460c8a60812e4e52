namespace LlmOps.Sdk.Evaluation;

/// <summary>One named score given to a response: a number, a pass/fail label and the reason.</summary>
/// <remarks>
/// Becomes a <c>gen_ai.evaluation.result</c> event: <see cref="Name"/> is <c>gen_ai.evaluation.name</c>,
/// <see cref="Value"/> is <c>gen_ai.evaluation.score.value</c>, <see cref="Label"/> is <c>gen_ai.evaluation.score.label</c>,
/// <see cref="Explanation"/> is <c>gen_ai.evaluation.explanation</c> and <see cref="ErrorType"/> is <c>error.type</c>.
/// </remarks>
public sealed record EvaluationScore
{
    /// <summary>The label of a score that passed: <c>pass</c>.</summary>
    public const string PassLabel = "pass";

    /// <summary>The label of a score that failed: <c>fail</c>.</summary>
    public const string FailLabel = "fail";

    /// <summary>Initializes a new instance of the <see cref="EvaluationScore"/> class.</summary>
    /// <param name="name">The name of the score, such as <c>token_f1</c>.</param>
    /// <param name="value">The numeric value, or <see langword="null"/> when the score has none.</param>
    /// <param name="passed">Whether the response passed, or <see langword="null"/> when the score has no verdict.</param>
    /// <param name="explanation">Why the response got this score; must not repeat user data.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public EvaluationScore(string name, double? value = null, bool? passed = null, string? explanation = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Value = value;
        Passed = passed;
        Explanation = explanation;
    }

    /// <summary>Gets the name of the score.</summary>
    public string Name { get; }

    /// <summary>Gets the numeric value, or <see langword="null"/> when the score has none.</summary>
    public double? Value { get; init; }

    /// <summary>Gets whether the response passed, or <see langword="null"/> when the score has no verdict.</summary>
    public bool? Passed { get; init; }

    /// <summary>Gets the label: set explicitly, else <c>pass</c> or <c>fail</c> from <see cref="Passed"/>.</summary>
    public string? Label
    {
        get => field ?? (Passed is { } passed ? (passed ? PassLabel : FailLabel) : null);
        init;
    }

    /// <summary>Gets why the response got this score.</summary>
    public string? Explanation { get; init; }

    /// <summary>Gets the kind of error when the evaluator threw or timed out (<c>timeout</c> or the exception type), else <see langword="null"/>.</summary>
    public string? ErrorType { get; init; }
}

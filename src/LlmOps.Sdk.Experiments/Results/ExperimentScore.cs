namespace LlmOps.Sdk.Experiments;

/// <summary>One named score of one case, as an evaluator gave it.</summary>
/// <param name="Name">The score's name, such as <c>token_f1</c>.</param>
/// <param name="Value">The numeric value, when the score has one.</param>
/// <param name="Passed">Whether the case passed, when the score is pass/fail.</param>
/// <param name="Explanation">The evaluator's reason, if it gave one; the error's message when the evaluator failed.</param>
/// <param name="ErrorType">The kind of error when the evaluator threw or reported one (the exception type, or <c>evaluation_diagnostic</c>), else <see langword="null"/>.</param>
public sealed record ExperimentScore(string Name, double? Value = null, bool? Passed = null, string? Explanation = null, string? ErrorType = null);

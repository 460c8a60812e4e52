namespace LlmOps.Sdk.Experiments;

/// <summary>One reason a summary failed the gate, with the numbers behind it.</summary>
/// <param name="Condition">The condition that held, such as <c>token_f1.mean &lt; 0.70</c>, or <c>regression of token_f1</c>.</param>
/// <param name="Candidate">The candidate it held for.</param>
/// <param name="Actual">The candidate's value of the metric, when there is one.</param>
/// <param name="Threshold">The condition's threshold, when there is one.</param>
/// <param name="Message">A sentence that says what failed and by how much.</param>
public sealed record GateFailure(string Condition, string Candidate, double? Actual, double? Threshold, string Message);

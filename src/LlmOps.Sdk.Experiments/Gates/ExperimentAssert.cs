namespace LlmOps.Sdk.Experiments;

/// <summary>Assertions on an experiment summary for test frameworks: a failure throws with a table of the numbers.</summary>
/// <example>
/// <code>
/// var summary = await ExperimentSummarizer.SummarizeAsync("results.jsonl");
/// ExperimentAssert.Passes(summary, ["token_f1.mean &lt; 0.70", "latency.p95 &gt; 2000"], failOnRegression: ["token_f1"]);
/// </code>
/// </example>
public static class ExperimentAssert
{
    /// <summary>Asserts that no condition holds and no listed score dropped significantly against the baseline.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="failWhen">Thresholds that fail the assertion when they hold, such as <c>token_f1.mean &lt; 0.70</c>.</param>
    /// <param name="failOnRegression">Scores whose significant drop fails the assertion; <see cref="ExperimentGate.AllScores"/> for every score.</param>
    /// <exception cref="ExperimentGateException">The gate failed; the message lists each failure with its numbers.</exception>
    /// <exception cref="GateConditionException">A condition does not parse.</exception>
    public static void Passes(ExperimentSummary summary, IEnumerable<string> failWhen, IEnumerable<string>? failOnRegression = null)
    {
        ArgumentNullException.ThrowIfNull(failWhen);
        var result = ExperimentGate.Evaluate(summary, failWhen.Select(GateCondition.Parse).ToList(), failOnRegression);
        if (!result.Passed)
        {
            throw new ExperimentGateException(result);
        }
    }

    /// <summary>Asserts that no score dropped significantly against the baseline.</summary>
    /// <param name="summary">The summary.</param>
    /// <exception cref="ExperimentGateException">A score is significantly worse; the message shows both means, the difference and the p-value.</exception>
    public static void NoSignificantDrop(ExperimentSummary summary) => Passes(summary, [], [ExperimentGate.AllScores]);
}

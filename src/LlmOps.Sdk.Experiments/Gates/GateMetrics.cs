namespace LlmOps.Sdk.Experiments;

/// <summary>Reads a gate condition's metric from a summary.</summary>
internal static class GateMetrics
{
    public static double? Value(ExperimentSummary summary, CandidateSummary candidate, GateCondition condition)
    {
        if (condition.Score is null)
        {
            var comparison = summary.Comparisons.FirstOrDefault(c => c.Candidate == candidate.Name);
            return condition.Metric switch
            {
                "pass_rate" => candidate.PassRate,
                "error_rate" => candidate.Cases > 0 ? (double)candidate.Errors / candidate.Cases : null,
                "errors" => candidate.Errors,
                "regressions" => comparison?.Regressions,
                "unstable_items" => candidate.UnstableItems,
                "output_agreement" => candidate.OutputAgreement,
                "latency.p50" => candidate.Latency.P50,
                "latency.p95" => candidate.Latency.P95,
                "latency.mean" => candidate.Latency.Mean,
                "cost.total" => (double?)candidate.TotalCost,
                "cost.per_item" => (double?)candidate.CostPerItem,
                "tokens.input" => candidate.InputTokens,
                "tokens.output" => candidate.OutputTokens,
                _ => null,
            };
        }

        var statistic = condition.Metric[(condition.Score.Length + 1)..];
        if (statistic.StartsWith("diff", StringComparison.Ordinal) || statistic == "p_value")
        {
            var compared = summary.Comparisons.FirstOrDefault(c => c.Candidate == candidate.Name)?.Scores.FirstOrDefault(s => s.Score == condition.Score);
            return compared is null ? null : statistic switch
            {
                "diff" => compared.MeanDifference,
                "diff_ci_lower" => compared.Interval.Lower,
                "diff_ci_upper" => compared.Interval.Upper,
                _ => compared.PValue,
            };
        }

        var score = candidate.Scores.FirstOrDefault(s => s.Name == condition.Score);
        return score is null ? null : statistic switch
        {
            "mean" => score.Mean,
            "sd" => score.StandardDeviation,
            "ci_lower" => score.Interval.Lower,
            "ci_upper" => score.Interval.Upper,
            "pass_rate" => score.PassRate,
            _ => score.Count,
        };
    }

    public static string Known(ExperimentSummary summary)
    {
        var scores = summary.Candidates.SelectMany(static c => c.Scores).Select(static s => s.Name).Distinct(StringComparer.Ordinal).ToList();
        return scores.Count == 0 ? "The summary has no scores." : $"Scores in the summary: {string.Join(", ", scores)}.";
    }
}

namespace LlmOps.Sdk.Experiments;

/// <summary>Checks a summary against thresholds and against significant drops from the baseline, for CI.</summary>
public static class ExperimentGate
{
    /// <summary>The score name that stands for every score in <c>failOnRegression</c>.</summary>
    public const string AllScores = "*";

    /// <summary>Evaluates conditions and regression checks against a summary.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="conditions">Thresholds that fail the gate when they hold, from <see cref="GateCondition.Parse"/>.</param>
    /// <param name="failOnRegression">
    /// Scores whose significant drop against the baseline (verdict <see cref="Verdict.Worse"/>) fails the gate;
    /// <see cref="AllScores"/> for every score.
    /// </param>
    /// <returns>The result, with each failure's numbers.</returns>
    public static GateResult Evaluate(ExperimentSummary summary, IEnumerable<GateCondition> conditions, IEnumerable<string>? failOnRegression = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(conditions);
        var failures = new List<GateFailure>();
        var checks = 0;
        foreach (var condition in conditions)
        {
            checks += Check(summary, condition, failures);
        }

        foreach (var score in failOnRegression ?? [])
        {
            checks += CheckRegression(summary, score, failures);
        }

        return new GateResult { Failures = failures, Checks = checks };
    }

    private static int Check(ExperimentSummary summary, GateCondition condition, List<GateFailure> failures)
    {
        var candidates = condition.Candidate is null
            ? summary.Candidates
            : summary.Candidates.Where(c => c.Name == condition.Candidate).ToList();
        if (candidates.Count == 0)
        {
            failures.Add(new GateFailure(condition.Expression, condition.Candidate ?? "–", null, condition.Threshold,
                $"'{condition.Expression}': the summary has no candidate '{condition.Candidate}'. Candidates: {string.Join(", ", summary.Candidates.Select(static c => c.Name))}."));
            return 1;
        }

        var checks = 0;
        foreach (var candidate in candidates)
        {
            if (GateMetrics.Value(summary, candidate, condition) is not { } value)
            {
                continue;
            }

            checks++;
            if (condition.IsMetBy(value))
            {
                failures.Add(new GateFailure(condition.Expression, candidate.Name, value, condition.Threshold,
                    $"{candidate.Name}: {condition.Metric} is {ReportFormat.Number(value)}, and the gate fails when {condition.Expression}."));
            }
        }

        if (checks == 0)
        {
            // A typo in a score name must not pass the gate silently.
            failures.Add(new GateFailure(condition.Expression, condition.Candidate ?? "–", null, condition.Threshold,
                $"'{condition.Expression}': no candidate has the metric {condition.Metric}. {GateMetrics.Known(summary)}"));
            return 1;
        }

        return checks;
    }

    private static int CheckRegression(ExperimentSummary summary, string score, List<GateFailure> failures)
    {
        var checks = 0;
        foreach (var comparison in summary.Comparisons)
        {
            foreach (var compared in comparison.Scores)
            {
                if (score != AllScores && compared.Score != score)
                {
                    continue;
                }

                checks++;
                if (compared.Verdict == Verdict.Worse)
                {
                    failures.Add(new GateFailure($"regression of {compared.Score}", comparison.Candidate, compared.CandidateMean, compared.BaselineMean,
                        $"{comparison.Candidate}: {compared.Score} is significantly worse than {comparison.Baseline}: {ReportFormat.Number(compared.BaselineMean)} → " +
                        $"{ReportFormat.Number(compared.CandidateMean)} ({ReportFormat.Signed(compared.MeanDifference)} {ReportFormat.SignedInterval(compared.Interval)}), " +
                        $"p = {ReportFormat.PValue(compared.PValue)} over {compared.Pairs} items."));
                }
            }
        }

        if (checks == 0 && score != AllScores)
        {
            failures.Add(new GateFailure($"regression of {score}", "–", null, null,
                $"No comparison has the score '{score}', so its regression cannot be checked. {GateMetrics.Known(summary)}"));
            return 1;
        }

        return checks;
    }
}

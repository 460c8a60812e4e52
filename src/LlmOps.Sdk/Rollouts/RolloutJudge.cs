namespace LlmOps.Sdk.Rollouts;

/// <summary>Compares the candidate with the baseline on every guarded figure of one step, with the plan's tests.</summary>
/// <remarks>
/// Every test is one-sided (is the candidate worse?) and runs at the family-wise level divided by the number of tests a
/// rollout can run: guarded figures × steps below 100%. That is Bonferroni's bound, so the chance of halting a
/// candidate that is no worse than the baseline, anywhere in the rollout, is at most the plan's level. Each step is
/// judged once, when it has its calls and its time, so the number of tests is known in advance.
/// </remarks>
internal static class RolloutJudge
{
    /// <summary>Returns the per-test level: the family-wise level divided by the number of tests the rollout can run.</summary>
    public static double Threshold(RolloutRecord rollout)
    {
        var figures = (rollout.GuardErrors ? 1 : 0) + (rollout.GuardLatency ? 1 : 0) + (rollout.GuardCost ? 1 : 0) + rollout.Scores.Length;
        var steps = 0;
        foreach (var step in rollout.Steps)
        {
            if (step < 100)
            {
                steps++;
            }
        }

        return rollout.Alpha / Math.Max(1, figures * steps);
    }

    /// <summary>Compares the two versions' figures of one step.</summary>
    public static RolloutFigure[] Compare(RolloutRecord rollout, VersionSnapshot baseline, VersionSnapshot candidate)
    {
        var threshold = Threshold(rollout);
        List<RolloutFigure> figures = [];
        if (rollout.GuardErrors)
        {
            var p = TwoProportionZTest.HigherPValue(baseline.Errors, baseline.Calls, candidate.Errors, candidate.Calls);
            figures.Add(new(RolloutConstants.ErrorRate, Rate(baseline.Errors, baseline.Calls), Rate(candidate.Errors, candidate.Calls),
                baseline.Calls, candidate.Calls, RolloutConstants.ProportionTest, p, threshold, p < threshold));
        }

        if (rollout.GuardLatency)
        {
            figures.Add(CompareLatency(baseline, candidate, threshold));
        }

        if (rollout.GuardCost)
        {
            var p = WelchZTest.HigherPValue(baseline.Cost, candidate.Cost);
            figures.Add(new(RolloutConstants.CostPerCall, baseline.Cost.Mean, candidate.Cost.Mean, baseline.Cost.Count, candidate.Cost.Count,
                RolloutConstants.MeanTest, p, threshold, p < threshold));
        }

        for (var i = 0; i < rollout.Scores.Length; i++)
        {
            figures.Add(CompareScore(rollout.Scores[i], baseline.Scores[i], candidate.Scores[i], threshold));
        }

        return [.. figures];
    }

    private static RolloutFigure CompareLatency(VersionSnapshot baseline, VersionSnapshot candidate, double threshold)
    {
        // The share of each version's calls slower than the pooled p95: equal in expectation when the latencies are
        // equal in distribution, higher for the candidate when its tail is longer. A test of the tail on counts alone.
        Span<long> pooled = stackalloc long[LatencyBuckets.Count];
        for (var i = 0; i < pooled.Length; i++)
        {
            pooled[i] = baseline.Latency[i] + candidate.Latency[i];
        }

        var cut = LatencyBuckets.QuantileIndex(pooled, RolloutConstants.Quantile);
        var p = cut < 0
            ? 1
            : TwoProportionZTest.HigherPValue(Above(baseline.Latency, cut), baseline.Calls, Above(candidate.Latency, cut), candidate.Calls);
        return new(RolloutConstants.LatencyP95, P95(baseline.Latency), P95(candidate.Latency), baseline.Calls, candidate.Calls,
            RolloutConstants.ExceedanceTest, p, threshold, p < threshold);
    }

    private static RolloutFigure CompareScore(string name, ScoreSnapshot baseline, ScoreSnapshot candidate, double threshold)
    {
        if (baseline.Verdicts > 0 || candidate.Verdicts > 0)
        {
            // A lower pass rate is a higher fail rate.
            var p = TwoProportionZTest.HigherPValue(
                baseline.Verdicts - baseline.Passes, baseline.Verdicts, candidate.Verdicts - candidate.Passes, candidate.Verdicts);
            return new($"score:{name}:pass_rate", Rate(baseline.Passes, baseline.Verdicts), Rate(candidate.Passes, candidate.Verdicts),
                baseline.Verdicts, candidate.Verdicts, RolloutConstants.ProportionTest, p, threshold, p < threshold);
        }

        // A lower mean is worse: test whether the baseline's is higher.
        var pMean = WelchZTest.HigherPValue(candidate.Values, baseline.Values);
        return new($"score:{name}:mean", baseline.Values.Mean, candidate.Values.Mean, baseline.Values.Count, candidate.Values.Count,
            RolloutConstants.MeanTest, pMean, threshold, pMean < threshold);
    }

    private static double Rate(long hits, long count) => count == 0 ? 0 : (double)hits / count;

    private static long Above(long[] counts, int cut)
    {
        long above = 0;
        for (var i = cut + 1; i < counts.Length; i++)
        {
            above += counts[i];
        }

        return above;
    }

    private static double P95(long[] counts)
    {
        var index = LatencyBuckets.QuantileIndex(counts, RolloutConstants.Quantile);
        return index < 0 ? 0 : Math.Round(LatencyBuckets.Middle(index), 3);
    }
}

using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Tests.Experiments.Gates;

public sealed class ExperimentGateTests
{
    [Fact]
    public async Task Evaluate_ThresholdHolds_FailsWithTheCandidatesNumber()
    {
        var summary = await SummaryAsync();

        var result = ExperimentGate.Evaluate(summary, [GateCondition.Parse("token_f1.mean < 0.42")]);

        Assert.False(result.Passed);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(("v1", 0.4, 0.42), (failure.Candidate, failure.Actual!.Value, failure.Threshold!.Value), new ToleranceComparer());
        Assert.Equal("v1: token_f1.mean is 0.400, and the gate fails when token_f1.mean < 0.42.", failure.Message);
        Assert.Equal(2, result.Checks);
    }

    [Fact]
    public async Task Evaluate_NoThresholdHolds_Passes()
    {
        var summary = await SummaryAsync();

        var result = ExperimentGate.Evaluate(summary, new[] { "token_f1.mean < 0.30", "latency.p95 > 1000", "v2:regressions > 2", "token_f1.p_value > 0.05" }.Select(GateCondition.Parse));

        Assert.True(result.Passed, result.ToString());
        Assert.Equal("The gate passed: 6 checks.", result.ToString());
    }

    [Fact]
    public async Task Evaluate_UnknownScore_FailsRatherThanPassingSilently()
    {
        var summary = await SummaryAsync();

        var result = ExperimentGate.Evaluate(summary, [GateCondition.Parse("token_f2.mean < 0.70")]);

        var failure = Assert.Single(result.Failures);
        Assert.Contains("no candidate has the metric token_f2.mean. Scores in the summary: token_f1, exact_match.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_FailOnRegressionOfAWorseScore_FailsWithMeansAndPValue()
    {
        var summary = await SummaryAsync(new SummaryOptions { Baseline = "v2" });

        var result = ExperimentGate.Evaluate(summary, [], failOnRegression: ["token_f1"]);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(("regression of token_f1", "v1"), (failure.Condition, failure.Candidate));
        Assert.Matches(@"^v1: token_f1 is significantly worse than v2: 0\.445 → 0\.400 \(-0\.045 \[-0\.0\d\d, -0\.0\d\d\]\), p = 0\.008 over 8 items\.$", failure.Message);
    }

    [Fact]
    public async Task Evaluate_FailOnRegressionWithoutSignificantDrop_Passes()
    {
        var summary = await SummaryAsync();

        var result = ExperimentGate.Evaluate(summary, [], failOnRegression: [ExperimentGate.AllScores]);

        Assert.True(result.Passed, result.ToString()); // v2 is better on token_f1; exact_match is no significant difference despite 2 regressed items
        Assert.Equal(2, result.Checks);
    }

    private static async Task<ExperimentSummary> SummaryAsync(SummaryOptions? options = null)
    {
        using var file = ResultsFile.TwoCandidates();
        return await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync(), options);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(string, double, double)>
    {
        public bool Equals((string, double, double) x, (string, double, double) y) =>
            x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) < 1e-9 && Math.Abs(x.Item3 - y.Item3) < 1e-9;

        public int GetHashCode((string, double, double) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}

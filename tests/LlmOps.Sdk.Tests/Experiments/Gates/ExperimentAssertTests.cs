using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Tests.Experiments.Gates;

public sealed class ExperimentAssertTests
{
    [Fact]
    public async Task Passes_FailedConditions_ThrowsATableWithTheNumbers()
    {
        using var file = ResultsFile.TwoCandidates();
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        var exception = Assert.Throws<ExperimentGateException>(() => ExperimentAssert.Passes(summary, ["token_f1.mean < 0.5", "v2:latency.p50 >= 500"]));

        Assert.Equal(
            """
            The gate failed 3 of 3 checks:
            candidate | condition             | actual  | threshold
            ----------|-----------------------|---------|----------
            v1        | token_f1.mean < 0.5   | 0.400   | 0.500
            v2        | token_f1.mean < 0.5   | 0.445   | 0.500
            v2        | v2:latency.p50 >= 500 | 550.000 | 500.000
            - v1: token_f1.mean is 0.400, and the gate fails when token_f1.mean < 0.5.
            - v2: token_f1.mean is 0.445, and the gate fails when token_f1.mean < 0.5.
            - v2: latency.p50 is 550.000, and the gate fails when v2:latency.p50 >= 500.
            """.ReplaceLineEndings(), exception.Message.ReplaceLineEndings());
        Assert.Equal(3, exception.Result!.Failures.Count);
    }

    [Fact]
    public async Task NoSignificantDrop_WorseScore_Throws()
    {
        using var file = ResultsFile.TwoCandidates();
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync(), new SummaryOptions { Baseline = "v2" });

        var exception = Assert.Throws<ExperimentGateException>(() => ExperimentAssert.NoSignificantDrop(summary));

        Assert.Contains("v1: token_f1 is significantly worse than v2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSignificantDrop_BetterCandidate_DoesNotThrow()
    {
        using var file = ResultsFile.TwoCandidates();
        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        ExperimentAssert.NoSignificantDrop(summary);

        Assert.Equal(Verdict.Better, summary.Comparisons[0].Scores[0].Verdict);
    }
}

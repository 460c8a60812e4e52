using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Tests.Experiments.Summary;

public sealed class ExperimentSummarizerTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public async Task SummarizeAsync_TwoCandidates_PinsMeansDeviationsAndPassRates()
    {
        using var file = ResultsFile.TwoCandidates();

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        Assert.Equal(["v1", "v2"], summary.Candidates.Select(static c => c.Name));
        Assert.Equal("v1", summary.Baseline);
        var f1 = summary.Candidates[0].Scores.Single(static s => s.Name == "token_f1");
        Assert.Equal(8, f1.Count);
        Assert.Equal(0.4, f1.Mean, Tolerance);
        Assert.Equal(Math.Sqrt(0.12 / 7), f1.StandardDeviation, Tolerance);
        Assert.Null(f1.PassRate);
        Assert.Equal(0.445, summary.Candidates[1].Scores.Single(static s => s.Name == "token_f1").Mean, Tolerance);
        var exact = summary.Candidates[0].Scores.Single(static s => s.Name == "exact_match");
        Assert.Equal(0.75, exact.PassRate);
        Assert.Equal(0.75, exact.Mean, Tolerance);
        Assert.Equal(0.75, summary.Candidates[1].PassRate);
    }

    [Fact]
    public async Task SummarizeAsync_SameSeed_GivesSameIntervalAroundTheMean()
    {
        using var file = ResultsFile.TwoCandidates();
        var path = await file.WriteAsync();

        var first = await ExperimentSummarizer.SummarizeAsync(path);
        var again = await ExperimentSummarizer.SummarizeAsync(path);
        var narrower = await ExperimentSummarizer.SummarizeAsync(path, new SummaryOptions { ConfidenceLevel = 0.5 });

        var interval = first.Candidates[0].Scores[0].Interval;
        Assert.Equal(interval, again.Candidates[0].Scores[0].Interval);
        Assert.True(interval.Lower < 0.4 && interval.Upper > 0.4, $"The interval {interval} does not contain the mean 0.4.");
        Assert.True(interval.Lower >= 0.2 && interval.Upper <= 0.6, $"The interval {interval} leaves the range of the values.");
        var half = narrower.Candidates[0].Scores[0].Interval;
        Assert.True(half.Upper - half.Lower < interval.Upper - interval.Lower, $"The 50% interval {half} is not narrower than the 95% one {interval}.");
    }

    [Fact]
    public async Task SummarizeAsync_LatencyTokensAndCost_PinsPercentilesAndTotals()
    {
        using var file = ResultsFile.TwoCandidates();

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        var v1 = summary.Candidates[0];
        Assert.Equal(450, v1.Latency.P50, Tolerance);
        Assert.Equal(765, v1.Latency.P95, Tolerance);
        Assert.Equal(100, v1.Latency.Min);
        Assert.Equal(800, v1.Latency.Max);
        Assert.Equal(8, v1.Latency.Histogram.Sum());
        Assert.Equal(80, v1.InputTokens);
        Assert.Equal(40, v1.OutputTokens);
        Assert.Equal(0.008m, v1.TotalCost);
        Assert.Equal(0.001m, v1.CostPerItem);
        Assert.Equal(0.002m, summary.Candidates[1].CostPerItem);
    }

    [Fact]
    public async Task SummarizeAsync_CandidateBetterOnEveryItem_VerdictBetterWithExactWilcoxonP()
    {
        using var file = ResultsFile.TwoCandidates();

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        var comparison = Assert.Single(summary.Comparisons);
        Assert.Equal(("v2", "v1", 8), (comparison.Candidate, comparison.Baseline, comparison.PairedItems));
        var f1 = comparison.Scores.Single(static s => s.Score == "token_f1");
        Assert.Equal(0.045, f1.MeanDifference, Tolerance);
        Assert.Equal(2.0 / 256, f1.WilcoxonPValue!.Value, Tolerance); // scipy.stats.wilcoxon: all 8 differences positive, exact
        Assert.Equal(Verdict.Better, f1.Verdict);
        Assert.True(f1.Interval.Lower > 0 && f1.Interval.Upper <= 0.08, $"The interval {f1.Interval} of differences from 0.01 to 0.08 is off.");
    }

    [Fact]
    public async Task SummarizeAsync_PassFailDiscordantPairs_UsesMcNemarExact()
    {
        using var file = new ResultsFile();
        for (var i = 0; i < 12; i++)
        {
            // Discordant: the baseline alone passes item 0; the candidate alone passes items 1 to 8. Items 9 to 11 agree.
            file.Add("v1", $"q{i}", exact: i is 0 or > 8);
            file.Add("v2", $"q{i}", exact: i > 0);
        }

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        var exact = Assert.Single(Assert.Single(summary.Comparisons).Scores);
        Assert.Equal((1, 8), (exact.BaselineOnlyPassed, exact.CandidateOnlyPassed));
        Assert.Equal(2 * (1.0 + 9) / 512, exact.McNemarPValue!.Value, Tolerance); // scipy.stats.binomtest(1, 9).pvalue
        Assert.Null(exact.WilcoxonPValue);
        Assert.Equal(exact.McNemarPValue, exact.PValue);
        Assert.Equal(Verdict.Better, exact.Verdict);
    }

    [Fact]
    public async Task SummarizeAsync_BaselinePassedCandidateFailed_ListsRegressions()
    {
        using var file = ResultsFile.TwoCandidates();

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        Assert.Equal(["q5", "q6"], summary.Regressions.Select(static r => r.ItemId));
        Assert.All(summary.Regressions, static r => Assert.Equal(("v2", "v1", "exact_match", 1.0, 0.0), (r.Candidate, r.Baseline, r.Score, r.BaselineValue, r.CandidateValue)));
        Assert.Equal(2, summary.Comparisons[0].Regressions);
        var exact = summary.Comparisons[0].Scores.Single(static s => s.Score == "exact_match");
        Assert.Equal((2, 2, 1.0), (exact.BaselineOnlyPassed, exact.CandidateOnlyPassed, exact.McNemarPValue));
        Assert.Equal(Verdict.NoSignificantDifference, exact.Verdict);
    }

    [Fact]
    public async Task SummarizeAsync_CandidateErrored_CountsErrorAsFailureAndRegression()
    {
        using var file = new ResultsFile()
            .Add("v1", "q1", exact: true).Add("v1", "q2", exact: true)
            .Add("v2", "q1", exact: true).Add("v2", "q2", error: "503 Service Unavailable");

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        var v2 = summary.Candidates[1];
        Assert.Equal(1, v2.Errors);
        Assert.Equal(0.5, v2.PassRate);
        Assert.Equal(0.5, v2.Scores.Single().PassRate);
        var regression = Assert.Single(summary.Regressions);
        Assert.Equal("q2", regression.ItemId);
        Assert.Equal("HttpRequestException: 503 Service Unavailable", regression.CandidateError);
    }

    [Fact]
    public async Task SummarizeAsync_FewPairs_WarnsThatTheSampleIsTooSmall()
    {
        using var file = new ResultsFile();
        for (var i = 0; i < 3; i++)
        {
            file.Add("v1", $"q{i}", f1: 0.5).Add("v2", $"q{i}", f1: 0.9);
        }

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        var f1 = Assert.Single(summary.Comparisons[0].Scores);
        Assert.Equal(Verdict.NoSignificantDifference, f1.Verdict);
        Assert.Contains("Only 3 paired items", f1.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeAsync_NoisyScoreAndSmallSample_WarnsWithTheNeededSize()
    {
        using var file = new ResultsFile();
        double[] differences = [0.3, -0.2, 0.25, -0.1, 0.2, -0.3, 0.15, 0.05, -0.25, 0.1];
        for (var i = 0; i < differences.Length; i++)
        {
            file.Add("v1", $"q{i}", f1: 0.5).Add("v2", $"q{i}", f1: 0.5 + differences[i]);
        }

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        // σ_d ≈ 0.2176, so n = ((1.960 + 0.842) · 0.2176 / 0.05)² ≈ 148.7: 149 pairs are needed to see 0.05.
        var warning = summary.Comparisons[0].Scores[0].Warning;
        Assert.Matches(@"^Only 10 paired items: detecting a difference of 0\.05 in token_f1 at α = 0\.05 with 80% power needs about 149\.$", warning);
    }

    [Fact]
    public async Task SummarizeAsync_LowerIsBetterScore_CallsAnIncreaseWorse()
    {
        using var file = ResultsFile.TwoCandidates();
        var options = new SummaryOptions();
        options.LowerIsBetter.Add("token_f1");

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync(), options);

        Assert.Equal(Verdict.Worse, summary.Comparisons[0].Scores.Single(static s => s.Score == "token_f1").Verdict);
    }

    [Fact]
    public async Task SummarizeAsync_Repetitions_ShowPassRateAndAgreementOfAnUnstableItem()
    {
        using var file = new ResultsFile()
            .Add("v1", "q1", exact: true, output: "Paris", repetition: 0)
            .Add("v1", "q1", exact: true, output: "Paris", repetition: 1)
            .Add("v1", "q1", exact: false, output: "Lyon", repetition: 2)
            .Add("v1", "q2", exact: true, output: "4", repetition: 0)
            .Add("v1", "q2", exact: true, output: "4", repetition: 1)
            .Add("v1", "q2", exact: true, output: "4", repetition: 2);

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync());

        var unstable = Assert.Single(summary.UnstableItems);
        Assert.Equal(("v1", "q1", 3, 2), (unstable.Candidate, unstable.ItemId, unstable.Runs, unstable.DistinctOutputs));
        Assert.Equal(2.0 / 3, unstable.PassRate!.Value, Tolerance);
        Assert.Equal(2.0 / 3, unstable.OutputAgreement, Tolerance);
        var v1 = summary.Candidates[0];
        Assert.Equal((3, 2, 1), (v1.Repetitions, v1.Items, v1.UnstableItems));
        Assert.Equal((2.0 / 3 + 1) / 2, v1.OutputAgreement!.Value, Tolerance);
        Assert.Equal((2.0 / 3 + 1) / 2, v1.Scores[0].Mean, Tolerance); // item means, not case means
    }

    [Fact]
    public async Task SummarizeAsync_NamedBaseline_ComparesOthersWithIt()
    {
        using var file = ResultsFile.TwoCandidates();

        var summary = await ExperimentSummarizer.SummarizeAsync(await file.WriteAsync(), new SummaryOptions { Baseline = "v2" });

        var comparison = Assert.Single(summary.Comparisons);
        Assert.Equal(("v1", "v2"), (comparison.Candidate, comparison.Baseline));
        Assert.Equal(Verdict.Worse, comparison.Scores.Single(static s => s.Score == "token_f1").Verdict);
        Assert.Equal(["q7", "q8"], summary.Regressions.Select(static r => r.ItemId));
    }

    [Fact]
    public async Task SummarizeAsync_UnknownBaseline_ThrowsListingTheCandidates()
    {
        using var file = ResultsFile.TwoCandidates();
        var path = await file.WriteAsync();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => ExperimentSummarizer.SummarizeAsync(path, new SummaryOptions { Baseline = "v9" }));

        Assert.Contains("'v9' is not a candidate", exception.Message, StringComparison.Ordinal);
        Assert.Contains("v1, v2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummarizeAsync_MalformedLine_ThrowsNamingFileLineAndColumn()
    {
        using var file = ResultsFile.TwoCandidates();
        var path = await file.WriteAsync();
        await File.AppendAllTextAsync(path, "{\"experiment_id\": \"exp-1\", \"candidate\": 3}\n");

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => ExperimentSummarizer.SummarizeAsync(path));

        Assert.StartsWith($"{path}(17,", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAsync_SameCandidateInTwoFiles_ComparesAfterWithBefore()
    {
        using var before = new ResultsFile("before.jsonl");
        using var after = new ResultsFile("after.jsonl");
        for (var i = 0; i < 8; i++)
        {
            before.Add("v1", $"q{i}", f1: 0.5, exact: true);
            after.Add("v1", $"q{i}", f1: 0.5 - (0.01 * (i + 1)), exact: i != 3);
        }

        var summary = await ExperimentSummarizer.CompareAsync(await before.WriteAsync(), await after.WriteAsync());

        Assert.Equal(["before/v1", "after/v1"], summary.Candidates.Select(static c => c.Name));
        var comparison = Assert.Single(summary.Comparisons);
        Assert.Equal(("after/v1", "before/v1"), (comparison.Candidate, comparison.Baseline));
        Assert.Equal(Verdict.Worse, comparison.Scores.Single(static s => s.Score == "token_f1").Verdict);
        Assert.Equal("q3", Assert.Single(summary.Regressions).ItemId);
        Assert.Equal(["before", "after"], summary.Sources.Select(static s => s.Label));
    }
}

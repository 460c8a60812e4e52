using System.Globalization;
using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Experiments;

internal sealed partial class SummaryBuilder
{
    private (CandidateComparison Comparison, List<Regression> Regressions) Compare(
        CandidateAccumulator candidate, CandidateAccumulator baseline, SummaryOptions options)
    {
        var itemCount = Math.Min(candidate.Items.Count, baseline.Items.Count);
        var paired = 0;
        for (var i = 0; i < itemCount; i++)
        {
            paired += candidate.Items[i] is not null && baseline.Items[i] is not null ? 1 : 0;
        }

        var shared = Enumerable.Range(0, _scoreNames.Count).Where(s => candidate.Saw(s) && baseline.Saw(s)).ToArray();
        var scores = new ScoreComparison?[shared.Length];
        var regressions = new List<(Regression Regression, double Drop, int Item)>[shared.Length];
        Parallel.For(0, shared.Length, k => (scores[k], regressions[k]) = CompareScore(candidate, baseline, shared[k], itemCount, options));

        var ordered = regressions.SelectMany(static r => r)
            .OrderByDescending(static r => r.Drop).ThenBy(static r => r.Item).Select(static r => r.Regression).ToList();
        var comparison = new CandidateComparison
        {
            Candidate = candidate.Name,
            Baseline = baseline.Name,
            PairedItems = paired,
            Scores = [.. scores.OfType<ScoreComparison>()],
            Regressions = ordered.Count,
        };
        return (comparison, ordered);
    }

    private (ScoreComparison? Comparison, List<(Regression Regression, double Drop, int Item)> Regressions) CompareScore(
        CandidateAccumulator candidate, CandidateAccumulator baseline, int s, int itemCount, SummaryOptions options)
    {
        var baselineValues = new List<double>();
        var candidateValues = new List<double>();
        var baselinePassed = new List<bool>();
        var candidatePassed = new List<bool>();
        var regressions = new List<(Regression Regression, double Drop, int Item)>();
        for (var i = 0; i < itemCount; i++)
        {
            if (candidate.Items[i] is not { } candidateItem || baseline.Items[i] is not { } baselineItem)
            {
                continue;
            }

            var hasBaselineValue = TryItemValue(baselineItem, s, out var baselineValue);
            var hasCandidateValue = TryItemValue(candidateItem, s, out var candidateValue);
            if (hasBaselineValue && hasCandidateValue)
            {
                baselineValues.Add(baselineValue);
                candidateValues.Add(candidateValue);
            }

            if (!_scoreHasPass[s] || ItemPassed(baselineItem, s) is not { } basePass || ItemPassed(candidateItem, s) is not { } candidatePass)
            {
                continue;
            }

            baselinePassed.Add(basePass);
            candidatePassed.Add(candidatePass);
            if (basePass && !candidatePass)
            {
                var regression = new Regression
                {
                    Candidate = candidate.Name,
                    Baseline = baseline.Name,
                    ItemId = _itemIds[i],
                    Score = _scoreNames[s],
                    BaselineValue = baselineValue,
                    CandidateValue = hasCandidateValue ? candidateValue : null,
                    CandidateError = candidateItem.Error,
                };
                regressions.Add((regression, baselineValue - (hasCandidateValue ? candidateValue : 0), i));
            }
        }

        var name = _scoreNames[s];
        var settings = new ComparisonSettings
        {
            Alpha = options.Alpha,
            MinimumEffect = options.MinimumEffect,
            TargetPower = options.Power,
            Resamples = options.Resamples,
            ConfidenceLevel = options.ConfidenceLevel,
            Seed = unchecked((ulong)options.Seed),
            HigherIsBetter = !options.LowerIsBetter.Contains(name),
        };
        McNemarResult? mcNemar = baselinePassed.Count > 0 ? McNemarExact.Test([.. candidatePassed], [.. baselinePassed]) : null;
        if (_scoreHasValues[s])
        {
            if (baselineValues.Count == 0)
            {
                return (null, regressions);
            }

            // A numeric score is decided by the signed-rank test; McNemar's counts are reported beside it when the score is also pass/fail.
            var compared = PairedComparison.CompareScores([.. candidateValues], [.. baselineValues], settings);
            var wilcoxon = double.IsNaN(compared.Wilcoxon.PValue) ? 1 : compared.Wilcoxon.PValue; // NaN: every difference is zero
            return (new ScoreComparison
            {
                Score = name,
                Pairs = compared.Pairs,
                BaselineMean = Descriptive.Mean([.. baselineValues]),
                CandidateMean = Descriptive.Mean([.. candidateValues]),
                MeanDifference = compared.MeanDifference.Estimate,
                Interval = new ConfidenceInterval(compared.MeanDifference.Lower, compared.MeanDifference.Upper),
                WilcoxonPValue = wilcoxon,
                BaselineOnlyPassed = mcNemar?.BaselineOnlyPassed,
                CandidateOnlyPassed = mcNemar?.CandidateOnlyPassed,
                McNemarPValue = mcNemar?.PValue,
                PValue = wilcoxon,
                Verdict = Map(compared.Verdict),
                Warning = SampleSizeWarning(name, "signed-rank test", compared.Pairs, compared.Power, options),
            }, regressions);
        }

        if (baselinePassed.Count == 0)
        {
            return (null, regressions);
        }

        var passFail = PairedComparison.ComparePassFail([.. candidatePassed], [.. baselinePassed], settings);
        return (new ScoreComparison
        {
            Score = name,
            Pairs = passFail.Pairs,
            BaselineMean = passFail.BaselinePassRate,
            CandidateMean = passFail.CandidatePassRate,
            MeanDifference = passFail.PassRateDifference.Estimate,
            Interval = new ConfidenceInterval(passFail.PassRateDifference.Lower, passFail.PassRateDifference.Upper),
            BaselineOnlyPassed = passFail.McNemar.BaselineOnlyPassed,
            CandidateOnlyPassed = passFail.McNemar.CandidateOnlyPassed,
            McNemarPValue = passFail.McNemar.PValue,
            PValue = passFail.McNemar.PValue,
            Verdict = Map(passFail.Verdict),
            Warning = SampleSizeWarning(name, "exact test", passFail.Pairs, passFail.Power, options),
        }, regressions);
    }

    /// <summary>Warns when the paired items are too few to detect <see cref="SummaryOptions.MinimumEffect"/> with the asked power.</summary>
    /// <remarks>
    /// Two checks: whether the test can reach p &lt; α at all (with n pairs neither test goes below 2^(1 − n), so five
    /// pairs can never be significant at 0.05), then the power estimate of <see cref="PowerAnalysis"/>.
    /// </remarks>
    private static string? SampleSizeWarning(string name, string test, int pairs, PowerEstimate? power, SummaryOptions options)
    {
        if (Math.Pow(2, 1 - pairs) >= options.Alpha)
        {
            return $"Only {pairs} paired items: the {test} cannot reach p < {Format(options.Alpha)} on {name} with so few, whatever the difference.";
        }

        if (power is not { IsUnderpowered: true } estimate)
        {
            return null;
        }

        var goal = string.Create(CultureInfo.InvariantCulture,
            $"Only {pairs} paired items: detecting a difference of {Format(options.MinimumEffect)} in {name} at α = {Format(options.Alpha)} with {options.Power * 100:0}% power");
        return estimate.RequiredPairs is { } required
            ? $"{goal} needs about {required}."
            : $"{goal} needs more items; how many cannot be estimated from these.";
    }

    private static Verdict Map(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Better => Verdict.Better,
        ComparisonVerdict.Worse => Verdict.Worse,
        _ => Verdict.NoSignificantDifference,
    };
}

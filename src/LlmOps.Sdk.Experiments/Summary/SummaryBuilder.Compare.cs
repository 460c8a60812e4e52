using System.Globalization;

namespace LlmOps.Sdk.Experiments;

internal sealed partial class SummaryBuilder
{
    private (CandidateComparison Comparison, List<Regression> Regressions) Compare(
        CandidateAccumulator candidate, CandidateAccumulator baseline, SummaryOptions options)
    {
        var paired = 0;
        var itemCount = Math.Min(candidate.Items.Count, baseline.Items.Count);
        for (var i = 0; i < itemCount; i++)
        {
            paired += candidate.Items[i] is not null && baseline.Items[i] is not null ? 1 : 0;
        }

        var scores = new List<ScoreComparison>();
        var regressions = new List<(Regression Regression, double Drop, int Item)>();
        for (var s = 0; s < _scoreNames.Count; s++)
        {
            if (!candidate.Saw(s) || !baseline.Saw(s))
            {
                continue;
            }

            var baselineValues = new List<double>();
            var candidateValues = new List<double>();
            int baselineOnly = 0, candidateOnly = 0;
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

                if (!_scoreHasPass[s] || ItemPassed(baselineItem, s) is not { } baselinePassed || ItemPassed(candidateItem, s) is not { } candidatePassed)
                {
                    continue;
                }

                if (baselinePassed && !candidatePassed)
                {
                    baselineOnly++;
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
                else if (candidatePassed && !baselinePassed)
                {
                    candidateOnly++;
                }
            }

            if (baselineValues.Count == 0)
            {
                continue;
            }

            scores.Add(CompareScore(s, [.. baselineValues], [.. candidateValues], baselineOnly, candidateOnly, options));
        }

        var ordered = regressions.OrderByDescending(static r => r.Drop).ThenBy(static r => r.Item).Select(static r => r.Regression).ToList();
        var comparison = new CandidateComparison
        {
            Candidate = candidate.Name,
            Baseline = baseline.Name,
            PairedItems = paired,
            Scores = scores,
            Regressions = ordered.Count,
        };
        return (comparison, ordered);
    }

    private ScoreComparison CompareScore(int s, double[] baselineValues, double[] candidateValues, int baselineOnly, int candidateOnly, SummaryOptions options)
    {
        var n = baselineValues.Length;
        var differences = new double[n];
        for (var i = 0; i < n; i++)
        {
            differences[i] = candidateValues[i] - baselineValues[i];
        }

        var numeric = _scoreHasValues[s];
        var passFail = _scoreHasPass[s];
        double? wilcoxon = numeric ? SummaryStatistics.WilcoxonPValue(differences) : null;
        double? mcNemar = passFail ? SummaryStatistics.McNemarPValue(baselineOnly, candidateOnly) : null;
        var pValue = wilcoxon ?? mcNemar ?? 1;
        var meanDifference = Mean(differences);
        var direction = meanDifference != 0 ? Math.Sign(meanDifference) : Math.Sign(candidateOnly - baselineOnly);
        if (options.LowerIsBetter.Contains(_scoreNames[s]))
        {
            direction = -direction;
        }

        var verdict = pValue < options.Alpha && direction != 0
            ? direction > 0 ? Verdict.Better : Verdict.Worse
            : Verdict.NoSignificantDifference;

        return new ScoreComparison
        {
            Score = _scoreNames[s],
            Pairs = n,
            BaselineMean = Mean(baselineValues),
            CandidateMean = Mean(candidateValues),
            MeanDifference = meanDifference,
            Interval = SummaryStatistics.BootstrapMean(differences, options.ConfidenceLevel, options.Resamples, options.Seed),
            WilcoxonPValue = wilcoxon,
            BaselineOnlyPassed = passFail ? baselineOnly : null,
            CandidateOnlyPassed = passFail ? candidateOnly : null,
            McNemarPValue = mcNemar,
            PValue = pValue,
            Verdict = verdict,
            Warning = SampleSizeWarning(s, differences, baselineValues, candidateValues, options),
        };
    }

    /// <summary>Warns when the paired items are too few to detect <see cref="SummaryOptions.MinimumEffect"/> with the asked power.</summary>
    /// <remarks>
    /// The normal approximation of a paired test's sample size, n = ((z₁₋α/₂ + z_power) · σ_d / δ)², with σ_d the
    /// observed standard deviation of the differences. When the two sides never differ, σ_d is unknown: it falls back to
    /// the pooled standard deviation of the values, or 0.5 (the most a pass/fail difference can vary) for pass/fail scores.
    /// </remarks>
    private string? SampleSizeWarning(int s, double[] differences, double[] baselineValues, double[] candidateValues, SummaryOptions options)
    {
        var n = differences.Length;
        var name = _scoreNames[s];
        if (_scoreHasValues[s] && Math.Pow(2, 1 - n) >= options.Alpha)
        {
            return $"Only {n} paired items: the signed-rank test cannot reach p < {Format(options.Alpha)} on {name} with so few, whatever the difference.";
        }

        var sd = StandardDeviation(differences);
        if (sd == 0)
        {
            sd = _scoreHasValues[s]
                ? Math.Sqrt((Math.Pow(StandardDeviation(baselineValues), 2) + Math.Pow(StandardDeviation(candidateValues), 2)) / 2)
                : 0.5;
        }

        if (sd == 0)
        {
            return null;
        }

        var z = SummaryStatistics.NormalQuantile(1 - (options.Alpha / 2)) + SummaryStatistics.NormalQuantile(options.Power);
        var required = (int)Math.Ceiling(Math.Pow(z * sd / options.MinimumEffect, 2));
        return n < required
            ? string.Create(CultureInfo.InvariantCulture,
                $"Only {n} paired items: detecting a difference of {Format(options.MinimumEffect)} in {name} at α = {Format(options.Alpha)} with {options.Power * 100:0}% power needs about {required}.")
            : null;
    }
}

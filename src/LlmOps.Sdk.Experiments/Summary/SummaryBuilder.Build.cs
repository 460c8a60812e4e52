using LlmOps.Sdk.Experiments.Statistics;

namespace LlmOps.Sdk.Experiments;

internal sealed partial class SummaryBuilder
{
    public ExperimentSummary Build(SummaryOptions options, IReadOnlyList<SummarySource> sources, bool pairByName)
    {
        var warnings = new List<string>();
        var baseline = ResolveBaseline(options, sources);
        var binWidth = LatencyBinWidth();
        var candidates = new CandidateSummary[_candidates.Count];
        var unstable = new List<ItemStability>();
        var pairs = baseline is null ? [] : PairsToCompare(baseline, pairByName);
        var comparisons = new CandidateComparison[pairs.Count];
        var regressions = new List<Regression>[pairs.Count];

        // Bootstraps dominate the time (resamples × items each): run candidates and comparisons, and their scores, on every core.
        Parallel.Invoke(
            () => Parallel.For(0, _candidates.Count, i => candidates[i] = SummarizeCandidate(_candidates[i], options, binWidth)),
            () => Parallel.For(0, pairs.Count, i => (comparisons[i], regressions[i]) = Compare(pairs[i].Candidate, pairs[i].Baseline, options)));
        foreach (var candidate in _candidates)
        {
            unstable.AddRange(Unstable(candidate));
            if (candidate.Items.Count(static item => item is not null) < _itemIds.Count)
            {
                warnings.Add($"Candidate '{candidate.Name}' ran {candidate.Items.Count(static item => item is not null)} of {_itemIds.Count} items; comparisons use the items both sides ran.");
            }
        }

        if (_datasetHashes.Count > 1)
        {
            warnings.Add($"The results hold {_datasetHashes.Count} datasets ({string.Join(", ", _datasetHashes)}): candidates may not have run the same items.");
        }

        return new ExperimentSummary
        {
            Sources = sources,
            ExperimentIds = [.. _experimentIds],
            DatasetHashes = [.. _datasetHashes],
            Items = _itemIds.Count,
            Cases = _cases,
            Baseline = baseline?.Name,
            ConfidenceLevel = options.ConfidenceLevel,
            Alpha = options.Alpha,
            Resamples = options.Resamples,
            Seed = options.Seed,
            MinimumEffect = options.MinimumEffect,
            // Cases finish in any order under concurrency, so the order of first appearance is not stable from run to
            // run: the baseline first, then by name, gives every report the same order.
            Candidates = [.. candidates.OrderBy(c => c.Name == baseline?.Name ? 0 : 1).ThenBy(static c => c.Name, StringComparer.Ordinal)],
            Comparisons = comparisons,
            Regressions = [.. regressions.SelectMany(static r => r)],
            UnstableItems = unstable,
            Warnings = warnings,
        };
    }

    private CandidateAccumulator? ResolveBaseline(SummaryOptions options, IReadOnlyList<SummarySource> sources)
    {
        if (options.Baseline is null)
        {
            return _candidates.Count > 0 ? _candidates[0] : null;
        }

        if (_candidatesByName.TryGetValue(options.Baseline, out var named))
        {
            return named;
        }

        // In a comparison of two files, "v1" means the first file's v1.
        var firstLabel = sources.Count > 0 ? sources[0].Label : null;
        return _candidates.FirstOrDefault(c => c.Label == firstLabel && string.Equals(c.OriginalName, options.Baseline, StringComparison.Ordinal))
            ?? throw new ArgumentException(
                $"The baseline '{options.Baseline}' is not a candidate in the results. Candidates: {string.Join(", ", _candidates.Select(static c => c.Name))}.",
                nameof(options));
    }

    private List<(CandidateAccumulator Candidate, CandidateAccumulator Baseline)> PairsToCompare(CandidateAccumulator baseline, bool pairByName)
    {
        var pairs = new List<(CandidateAccumulator, CandidateAccumulator)>();
        foreach (var candidate in _candidates)
        {
            var namesake = pairByName && candidate.Label != baseline.Label
                ? _candidates.FirstOrDefault(c => c.Label == baseline.Label && string.Equals(c.OriginalName, candidate.OriginalName, StringComparison.Ordinal))
                : null;
            var against = namesake ?? baseline;
            if (!ReferenceEquals(candidate, against))
            {
                pairs.Add((candidate, against));
            }
        }

        return pairs;
    }

    private CandidateSummary SummarizeCandidate(CandidateAccumulator candidate, SummaryOptions options, double binWidth)
    {
        var seen = Enumerable.Range(0, _scoreNames.Count).Where(candidate.Saw).ToArray();
        var scores = new ScoreSummary?[seen.Length];
        Parallel.For(0, seen.Length, k => scores[k] = SummarizeScore(candidate, seen[k], options));
        var anyPassFail = seen.Any(s => _scoreHasPass[s]);

        var latencies = candidate.Latencies.ToArray();
        Array.Sort(latencies);
        var items = candidate.Items.Count(static item => item is not null);
        var repeated = candidate.Items.Where(static item => item is { Runs: > 1 }).Select(static item => Agreement(item!).Share).ToList(); // the filter drops nulls
        return new CandidateSummary
        {
            Name = candidate.Name,
            Model = candidate.Model,
            PromptName = candidate.PromptName,
            PromptVersion = candidate.PromptVersion,
            Cases = candidate.Cases,
            Items = items,
            Repetitions = candidate.Items.Max(static item => item?.Runs ?? 0),
            Errors = candidate.Errors,
            PassRate = anyPassFail && candidate.AllPassEligibleCases > 0 ? (double)candidate.AllPassCases / candidate.AllPassEligibleCases : null,
            Scores = [.. scores.OfType<ScoreSummary>()],
            Latency = Latency(latencies, binWidth),
            InputTokens = candidate.InputTokens,
            OutputTokens = candidate.OutputTokens,
            TotalCost = candidate.CostCases > 0 ? candidate.Cost : null,
            CostPerItem = candidate.CostCases > 0 ? candidate.Cost / candidate.CostCases : null,
            OutputAgreement = repeated.Count > 0 ? repeated.Average() : null,
            UnstableItems = Unstable(candidate).Count(),
        };
    }

    private ScoreSummary? SummarizeScore(CandidateAccumulator candidate, int s, SummaryOptions options)
    {
        var values = ItemValues(candidate, s);
        if (values.Length == 0)
        {
            return null;
        }

        double? passRate = null;
        if (_scoreHasPass[s])
        {
            long passed = 0, eligible = 0;
            foreach (var item in candidate.Items)
            {
                if (item is null)
                {
                    continue;
                }

                var cell = s < item.Cells.Length ? item.Cells[s] : default;
                passed += cell.PassRuns;
                eligible += cell.PassEligibleRuns + item.ErrorRuns;
            }

            passRate = eligible > 0 ? (double)passed / eligible : null;
        }

        var interval = PercentileBootstrap.MeanInterval(values, unchecked((ulong)options.Seed), options.Resamples, options.ConfidenceLevel);
        return new ScoreSummary
        {
            Name = _scoreNames[s],
            Count = values.Length,
            Mean = interval.Estimate,
            StandardDeviation = values.Length > 1 ? Descriptive.StandardDeviation(values) : 0,
            Interval = new ConfidenceInterval(interval.Lower, interval.Upper),
            PassRate = passRate,
        };
    }

    private double[] ItemValues(CandidateAccumulator candidate, int scoreIndex)
    {
        var values = new List<double>(candidate.Items.Count);
        foreach (var item in candidate.Items)
        {
            if (item is not null && TryItemValue(item, scoreIndex, out var value))
            {
                values.Add(value);
            }
        }

        return [.. values];
    }

    private IEnumerable<ItemStability> Unstable(CandidateAccumulator candidate)
    {
        var hasPassFail = Enumerable.Range(0, _scoreNames.Count).Any(s => _scoreHasPass[s] && candidate.Saw(s));
        var list = new List<(ItemStability Stability, double Order)>();
        for (var i = 0; i < candidate.Items.Count; i++)
        {
            if (candidate.Items[i] is not { Runs: > 1 } item)
            {
                continue;
            }

            double? passRate = hasPassFail ? (double)item.AllPassRuns / item.Runs : null;
            var (share, distinct) = Agreement(item);
            var unstable = passRate is { } rate ? rate is > 0 and < 1 : share < 1;
            if (unstable)
            {
                var stability = new ItemStability
                {
                    Candidate = candidate.Name,
                    ItemId = _itemIds[i],
                    Runs = item.Runs,
                    PassRate = passRate,
                    OutputAgreement = share,
                    DistinctOutputs = distinct,
                };
                list.Add((stability, passRate is { } r ? Math.Abs(r - 0.5) : share)); // a coin flip is the most unstable
            }
        }

        return list.OrderBy(static x => x.Order).Select(static x => x.Stability);
    }

    private static (double Share, int Distinct) Agreement(ItemAccumulator item)
    {
        var hashes = item.OutputHashes;
        if (hashes.Count <= 1)
        {
            return (1, hashes.Count);
        }

        var counts = new Dictionary<ulong, int>();
        var most = 0;
        foreach (var hash in hashes)
        {
            counts[hash] = counts.GetValueOrDefault(hash) + 1;
            most = Math.Max(most, counts[hash]);
        }

        return ((double)most / hashes.Count, counts.Count);
    }

    private double LatencyBinWidth()
    {
        // Shared bins, so the histograms of all candidates line up; up to the slowest p99, so one outlier does not flatten them.
        var upper = 0.0;
        foreach (var candidate in _candidates)
        {
            var sorted = candidate.Latencies.ToArray();
            Array.Sort(sorted);
            upper = Math.Max(upper, Descriptive.PercentileOfSorted(sorted, 99));
        }

        return upper > 0 ? NiceCeiling(upper / SummaryConstants.LatencyBins) : 1;
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static LatencySummary Latency(double[] sorted, double binWidth)
    {
        var histogram = new int[SummaryConstants.LatencyBins];
        foreach (var latency in sorted)
        {
            histogram[Math.Clamp((int)(latency / binWidth), 0, histogram.Length - 1)]++;
        }

        return new LatencySummary
        {
            Mean = sorted.Length > 0 ? Descriptive.Mean(sorted) : 0,
            P50 = sorted.Length > 0 ? Descriptive.PercentileOfSorted(sorted, 50) : 0,
            P95 = sorted.Length > 0 ? Descriptive.PercentileOfSorted(sorted, 95) : 0,
            Min = sorted.Length > 0 ? sorted[0] : 0,
            Max = sorted.Length > 0 ? sorted[^1] : 0,
            BinWidth = binWidth,
            Histogram = histogram,
        };
    }
}

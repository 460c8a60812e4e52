using System.Globalization;

namespace LlmOps.Sdk.Experiments;

/// <summary>Accumulates case results as they stream by, then computes the summary's statistics once.</summary>
internal sealed partial class SummaryBuilder
{
    private readonly Dictionary<string, int> _itemIndexes = new(StringComparer.Ordinal);
    private readonly List<string> _itemIds = [];
    private readonly Dictionary<string, int> _scoreIndexes = new(StringComparer.Ordinal);
    private readonly List<string> _scoreNames = [];
    private readonly List<bool> _scoreHasValues = [];
    private readonly List<bool> _scoreHasPass = [];
    private readonly Dictionary<string, CandidateAccumulator> _candidatesByName = new(StringComparer.Ordinal);
    private readonly List<CandidateAccumulator> _candidates = [];
    private readonly SortedSet<string> _experimentIds = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _datasetHashes = new(StringComparer.Ordinal);
    private int _cases;

    public IReadOnlyList<string> ItemIds => _itemIds;

    public void Add(ExperimentCaseResult result, string? label)
    {
        var name = ExperimentSummarizer.LabeledName(label, result.Candidate);
        if (!_candidatesByName.TryGetValue(name, out var candidate))
        {
            candidate = new CandidateAccumulator(name, label, result.Candidate)
            {
                Model = result.Model,
                PromptName = result.PromptName,
                PromptVersion = result.PromptVersion,
            };
            _candidatesByName.Add(name, candidate);
            _candidates.Add(candidate);
        }

        if (!_itemIndexes.TryGetValue(result.ItemId, out var itemIndex))
        {
            itemIndex = _itemIds.Count;
            _itemIndexes.Add(result.ItemId, itemIndex);
            _itemIds.Add(result.ItemId);
        }

        _cases++;
        _experimentIds.Add(result.ExperimentId);
        _datasetHashes.Add(result.DatasetHash);
        candidate.Cases++;
        candidate.Latencies.Add(result.LatencyMilliseconds);
        candidate.InputTokens += result.InputTokens ?? 0;
        candidate.OutputTokens += result.OutputTokens ?? 0;
        if (result.Cost is { } cost)
        {
            candidate.Cost += cost;
            candidate.CostCases++;
        }

        var item = candidate.Item(itemIndex);
        item.Runs++;
        item.OutputHashes.Add(OutputHash.Of(result.Output));
        if (result.Error is not null || result.ErrorType is not null)
        {
            candidate.Errors++;
            candidate.AllPassEligibleCases++;
            item.ErrorRuns++;
            item.Error ??= result.ErrorType is null ? result.Error : $"{result.ErrorType}: {result.Error}";
            return;
        }

        var anyPassFail = false;
        var allPassed = true;
        foreach (var score in result.Scores)
        {
            var scoreIndex = ScoreIndex(score.Name);
            candidate.See(scoreIndex);
            ref var cell = ref item.Cell(scoreIndex);
            if (score.Value is { } value && double.IsFinite(value))
            {
                cell.ValueSum += value;
                cell.ValueCount++;
                _scoreHasValues[scoreIndex] = true;
            }

            if (score.Passed is { } passed)
            {
                cell.PassEligibleRuns++;
                cell.PassRuns += passed ? 1 : 0;
                _scoreHasPass[scoreIndex] = true;
                anyPassFail = true;
                allPassed &= passed;
            }
        }

        if (anyPassFail)
        {
            candidate.AllPassEligibleCases++;
            if (allPassed)
            {
                candidate.AllPassCases++;
                item.AllPassRuns++;
            }
        }
    }

    private int ScoreIndex(string name)
    {
        if (!_scoreIndexes.TryGetValue(name, out var index))
        {
            index = _scoreNames.Count;
            _scoreIndexes.Add(name, index);
            _scoreNames.Add(name);
            _scoreHasValues.Add(false);
            _scoreHasPass.Add(false);
        }

        return index;
    }

    /// <summary>Gets an item's value of a score: the mean of its runs' values, or for a pass/fail score its pass rate, errors counted as failures.</summary>
    private bool TryItemValue(ItemAccumulator item, int scoreIndex, out double value)
    {
        var cell = scoreIndex < item.Cells.Length ? item.Cells[scoreIndex] : default;
        if (_scoreHasValues[scoreIndex])
        {
            value = cell.ValueCount > 0 ? cell.ValueSum / cell.ValueCount : 0;
            return cell.ValueCount > 0;
        }

        var eligible = cell.PassEligibleRuns + item.ErrorRuns;
        value = eligible > 0 ? (double)cell.PassRuns / eligible : 0;
        return eligible > 0;
    }

    /// <summary>Gets whether an item passed a score: more than half of its runs passed, errors counted as failures.</summary>
    private static bool? ItemPassed(ItemAccumulator item, int scoreIndex)
    {
        var cell = scoreIndex < item.Cells.Length ? item.Cells[scoreIndex] : default;
        var eligible = cell.PassEligibleRuns + item.ErrorRuns;
        return eligible == 0 ? null : cell.PassRuns * 2 > eligible;
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

namespace LlmOps.Sdk.Experiments;

/// <summary>Collects the HTML report's item rows in a second pass over the results files, keeping only the rows shown.</summary>
internal static class ItemTable
{
    public static async Task<(List<ItemRow> Rows, bool SourcesRead)> CollectAsync(ExperimentSummary summary, int maxItems, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, ItemRow>(StringComparer.Ordinal);
        var order = new List<ItemRow>();
        ItemRow? Row(string itemId, bool add)
        {
            if (rows.TryGetValue(itemId, out var row))
            {
                return row;
            }

            if (!add || rows.Count >= maxItems)
            {
                return null;
            }

            row = new ItemRow(itemId);
            rows.Add(itemId, row);
            order.Add(row);
            return row;
        }

        // Regressions first: they are why the table is opened.
        foreach (var regression in summary.Regressions)
        {
            Row(regression.ItemId, add: true)?.Regressions.Add($"{regression.Candidate}: {regression.Score}");
        }

        foreach (var unstable in summary.UnstableItems)
        {
            if (Row(unstable.ItemId, add: true) is { } row)
            {
                row.Unstable = true;
            }
        }

        var sourcesRead = summary.Sources.Count > 0;
        foreach (var source in summary.Sources)
        {
            if (!File.Exists(source.Path))
            {
                sourcesRead = false;
                continue;
            }

            await foreach (var result in CaseResultReader.ReadAsync(source.Path, cancellationToken))
            {
                if (Row(result.ItemId, add: true) is not { } row)
                {
                    continue;
                }

                var name = ExperimentSummarizer.LabeledName(source.Label, result.Candidate);
                if (!row.Cells.TryGetValue(name, out var cell))
                {
                    cell = new ItemCell();
                    row.Cells.Add(name, cell);
                }

                Add(cell, result);
            }
        }

        return (order, sourcesRead);
    }

    private static void Add(ItemCell cell, ExperimentCaseResult result)
    {
        cell.Runs++;
        if (result.Repetition < cell.OutputRepetition)
        {
            cell.OutputRepetition = result.Repetition;
            cell.Output = result.Output;
        }

        if (result.Error is not null || result.ErrorType is not null)
        {
            cell.Error ??= result.ErrorType is null ? result.Error : $"{result.ErrorType}: {result.Error}";
            return;
        }

        foreach (var score in result.Scores)
        {
            var totals = cell.Scores.GetValueOrDefault(score.Name);
            if (score.Value is { } value && double.IsFinite(value))
            {
                totals.ValueSum += value;
                totals.ValueCount++;
            }

            if (score.Passed is { } passed)
            {
                totals.PassEligibleRuns++;
                totals.PassRuns += passed ? 1 : 0;
            }

            cell.Scores[score.Name] = totals;
        }
    }
}

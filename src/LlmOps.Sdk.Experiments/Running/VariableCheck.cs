namespace LlmOps.Sdk.Experiments;

/// <summary>Checks, before the first call, that every item supplies every variable every candidate's prompt requires.</summary>
internal static class VariableCheck
{
    /// <exception cref="DatasetException">Items lack variables; every item, variable and candidate is listed.</exception>
    public static void ThrowIfMissing(Dataset dataset, IReadOnlyList<CandidatePlan> plans)
    {
        List<DatasetProblem> problems = [];
        HashSet<(string Column, string Candidate)> reportedColumns = [];
        var fromCsv = dataset.SourcePath is { } path && !path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            && !path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
        foreach (var item in dataset.Items)
        {
            foreach (var plan in plans)
            {
                foreach (var variable in plan.RequiredVariables)
                {
                    if (item.Variables.ContainsKey(variable))
                    {
                        continue;
                    }

                    var prompt = $"prompt '{plan.Prompt.Name}' v{plan.Prompt.Version} (candidate '{plan.Name}')";
                    if (fromCsv)
                    {
                        // Every row of a CSV file has the same columns: one problem per column, not one per row.
                        if (reportedColumns.Add((variable, plan.Name)))
                        {
                            problems.Add(new DatasetProblem(dataset.SourcePath, 1, variable,
                                $"Dataset '{dataset.SourcePath}' has no column '{variable}', which {prompt} requires. Add the column, rename the one that holds it, or give the variable a default in the prompt."));
                        }

                        continue;
                    }

                    var where = item.Location is null ? $"Dataset '{dataset.Name}' item '{item.Id}'" : $"Dataset '{item.SourcePath}' line {item.SourceLine} (item '{item.Id}')";
                    problems.Add(new DatasetProblem(item.SourcePath, item.SourceLine, $"variables.{variable}",
                        $"{where} has no variable '{variable}', which {prompt} requires. Add \"{variable}\" to the item's variables, or give the variable a default in the prompt."));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new DatasetException(problems);
        }
    }
}

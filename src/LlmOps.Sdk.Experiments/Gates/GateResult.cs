using System.Text;

namespace LlmOps.Sdk.Experiments;

/// <summary>The outcome of a gate: passed, or the conditions that failed with their numbers.</summary>
public sealed record GateResult
{
    /// <summary>Gets the failed conditions, in the order they were given.</summary>
    public required IReadOnlyList<GateFailure> Failures { get; init; }

    /// <summary>Gets the number of checks made: one per condition and candidate, and one per regression score and comparison.</summary>
    public required int Checks { get; init; }

    /// <summary>Gets whether every check passed.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>Renders the failures as a plain-text table, or one line saying the gate passed.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (Passed)
        {
            return $"The gate passed: {Checks} checks.";
        }

        string[] header = ["candidate", "condition", "actual", "threshold"];
        var rows = Failures.Select(static f => new[]
        {
            f.Candidate, f.Condition, f.Actual is { } actual ? ReportFormat.Number(actual) : "–", f.Threshold is { } threshold ? ReportFormat.Number(threshold) : "–",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder().Append("The gate failed ").Append(Failures.Count).Append(" of ").Append(Checks).AppendLine(" checks:");
        void Row(string[] cells) => text.AppendLine(string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        text.AppendLine(string.Join("-|-", widths.Select(static w => new string('-', w))));
        rows.ForEach(Row);
        foreach (var failure in Failures)
        {
            text.Append("- ").AppendLine(failure.Message);
        }

        return text.ToString().TrimEnd();
    }
}

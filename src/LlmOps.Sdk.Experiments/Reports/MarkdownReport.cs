using System.Text;

namespace LlmOps.Sdk.Experiments;

/// <summary>Renders a summary as GitHub-flavoured Markdown short enough for a pull-request comment.</summary>
internal static class MarkdownReport
{
    // GitHub rejects comments over 65,536 characters; the lists stop well before, whatever the number of items.
    private const int MaxUnstableItems = 10;

    public static string Render(ExperimentSummary summary, int topRegressions)
    {
        var md = new StringBuilder();
        md.AppendLine("## Experiment summary").AppendLine();
        md.Append(Count(summary.Items)).Append(" items, ").Append(Count(summary.Cases)).Append(" cases, ")
          .Append(summary.Candidates.Count).Append(" candidates. ");
        if (summary.Baseline is not null)
        {
            md.Append("Baseline: **").Append(Cell(summary.Baseline)).Append("**. ");
        }

        md.Append(ReportFormat.Percent(summary.ConfidenceLevel)).Append(" intervals (percentile bootstrap, ")
          .Append(Count(summary.Resamples)).Append(" resamples, seed ").Append(summary.Seed).Append("), α = ")
          .Append(ReportFormat.PValue(summary.Alpha)).AppendLine(".").AppendLine();

        CandidatesTable(md, summary);
        foreach (var comparison in summary.Comparisons)
        {
            ComparisonTable(md, comparison);
        }

        Regressions(md, summary, topRegressions);
        Unstable(md, summary);
        foreach (var warning in summary.Warnings)
        {
            md.Append("> [!WARNING]").AppendLine().Append("> ").AppendLine(Cell(warning)).AppendLine();
        }

        return md.ToString();
    }

    private static void CandidatesTable(StringBuilder md, ExperimentSummary summary)
    {
        var scoreNames = summary.Candidates.SelectMany(static c => c.Scores).Select(static s => s.Name).Distinct(StringComparer.Ordinal).ToList();
        md.Append("| candidate |");
        foreach (var name in scoreNames)
        {
            md.Append(' ').Append(Cell(name)).Append(" |");
        }

        md.AppendLine(" pass rate | errors | latency p50 / p95 (ms) | tokens in / out | cost per item |");
        md.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", scoreNames.Count + 5))).AppendLine();
        foreach (var candidate in summary.Candidates)
        {
            md.Append("| ").Append(Cell(candidate.Name));
            if (candidate.Name == summary.Baseline)
            {
                md.Append(" (baseline)");
            }

            md.Append(" |");
            foreach (var name in scoreNames)
            {
                var score = candidate.Scores.FirstOrDefault(s => s.Name == name);
                md.Append(' ').Append(score is null ? "–" : $"{ReportFormat.Number(score.Mean)} {ReportFormat.Interval(score.Interval)}").Append(" |");
            }

            md.Append(' ').Append(candidate.PassRate is { } rate ? ReportFormat.Percent(rate) : "–")
              .Append(" | ").Append(candidate.Errors)
              .Append(" | ").Append(ReportFormat.Milliseconds(candidate.Latency.P50)).Append(" / ").Append(ReportFormat.Milliseconds(candidate.Latency.P95))
              .Append(" | ").Append(Count(candidate.InputTokens)).Append(" / ").Append(Count(candidate.OutputTokens))
              .Append(" | ").Append(ReportFormat.Cost(candidate.CostPerItem)).AppendLine(" |");
        }

        md.AppendLine();
    }

    private static void ComparisonTable(StringBuilder md, CandidateComparison comparison)
    {
        md.Append("### ").Append(Cell(comparison.Candidate)).Append(" vs ").Append(Cell(comparison.Baseline))
          .Append(" (").Append(Count(comparison.PairedItems)).AppendLine(" paired items)").AppendLine();
        md.AppendLine("| score | baseline | candidate | difference | p | verdict |");
        md.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var score in comparison.Scores)
        {
            var test = score.WilcoxonPValue is not null ? "Wilcoxon" : "McNemar";
            md.Append("| ").Append(Cell(score.Score))
              .Append(" | ").Append(ReportFormat.Number(score.BaselineMean))
              .Append(" | ").Append(ReportFormat.Number(score.CandidateMean))
              .Append(" | ").Append(ReportFormat.Signed(score.MeanDifference)).Append(' ').Append(ReportFormat.SignedInterval(score.Interval))
              .Append(" | ").Append(ReportFormat.PValue(score.PValue)).Append(" (").Append(test).Append(')')
              .Append(" | ").Append(Verdict(score.Verdict)).AppendLine(" |");
        }

        md.AppendLine();
        foreach (var score in comparison.Scores.Where(static s => s.Warning is not null))
        {
            md.Append("- ⚠️ ").AppendLine(Cell(score.Warning!)); // filtered above
        }

        if (comparison.Scores.Any(static s => s.Warning is not null))
        {
            md.AppendLine();
        }
    }

    private static void Regressions(StringBuilder md, ExperimentSummary summary, int top)
    {
        if (summary.Regressions.Count == 0 || top == 0)
        {
            return;
        }

        md.Append("### Top regressions (").Append(Math.Min(top, summary.Regressions.Count)).Append(" of ").Append(Count(summary.Regressions.Count)).AppendLine(")").AppendLine();
        md.AppendLine("Items the baseline passed and the candidate failed, the largest drops first.").AppendLine();
        md.AppendLine("| candidate | item | score | baseline | candidate |");
        md.AppendLine("|---|---|---|---:|---:|");
        foreach (var regression in summary.Regressions.Take(top))
        {
            md.Append("| ").Append(Cell(regression.Candidate))
              .Append(" | `").Append(Cell(regression.ItemId).Replace("`", "'", StringComparison.Ordinal)).Append('`')
              .Append(" | ").Append(Cell(regression.Score))
              .Append(" | ").Append(ReportFormat.Number(regression.BaselineValue))
              .Append(" | ").Append(regression.CandidateValue is { } value ? ReportFormat.Number(value) : "error: " + Cell(Truncate(regression.CandidateError ?? "", 80)))
              .AppendLine(" |");
        }

        md.AppendLine();
    }

    private static void Unstable(StringBuilder md, ExperimentSummary summary)
    {
        var repeated = summary.Candidates.Where(static c => c.Repetitions > 1).ToList();
        if (repeated.Count == 0)
        {
            return;
        }

        md.AppendLine("### Stability over repetitions").AppendLine();
        md.AppendLine("| candidate | runs per item | unstable items | output agreement |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var candidate in repeated)
        {
            md.Append("| ").Append(Cell(candidate.Name)).Append(" | ").Append(candidate.Repetitions)
              .Append(" | ").Append(Count(candidate.UnstableItems)).Append(" of ").Append(Count(candidate.Items))
              .Append(" | ").Append(candidate.OutputAgreement is { } agreement ? ReportFormat.Percent(agreement) : "–").AppendLine(" |");
        }

        md.AppendLine();
        if (summary.UnstableItems.Count == 0)
        {
            return;
        }

        md.AppendLine("| candidate | item | runs | pass rate | output agreement |");
        md.AppendLine("|---|---|---:|---:|---:|");
        foreach (var item in summary.UnstableItems.Take(MaxUnstableItems))
        {
            md.Append("| ").Append(Cell(item.Candidate)).Append(" | `").Append(Cell(item.ItemId).Replace("`", "'", StringComparison.Ordinal)).Append("` | ").Append(item.Runs)
              .Append(" | ").Append(item.PassRate is { } rate ? ReportFormat.Percent(rate) : "–")
              .Append(" | ").Append(ReportFormat.Percent(item.OutputAgreement)).AppendLine(" |");
        }

        md.AppendLine();
    }

    private static string Verdict(Verdict verdict) => verdict switch
    {
        Experiments.Verdict.Better => "✅ better",
        Experiments.Verdict.Worse => "❌ worse",
        _ => "➖ no significant difference",
    };

    private static string Count(long value) => ReportFormat.Count(value);

    private static string Truncate(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");

    /// <summary>Makes text safe inside a table cell: a pipe would end the cell and a newline the row.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}

using System.Globalization;
using System.Net;
using System.Text;

namespace LlmOps.Sdk.Experiments;

/// <summary>Renders the self-contained HTML report: our template, inline SVG charts, and the item table.</summary>
internal static class HtmlReport
{
    private const int Colors = 6;
    private static readonly Lazy<string> Template = new(ReadTemplate);

    public static async Task WriteAsync(ExperimentSummary summary, TextWriter destination, HtmlReportOptions options, CancellationToken cancellationToken)
    {
        var (rows, sourcesRead) = await ItemTable.CollectAsync(summary, options.MaxItems, cancellationToken);
        var content = new StringBuilder(64 * 1024);
        var colors = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < summary.Candidates.Count; i++)
        {
            colors[summary.Candidates[i].Name] = i % Colors;
        }

        Header(content, summary, options);
        Candidates(content, summary, colors);
        Comparisons(content, summary);
        Charts(content, summary, colors);
        Items(content, summary, rows, sourcesRead, options);

        var template = Template.Value;
        var slot = template.IndexOf("{{content}}", StringComparison.Ordinal);
        await destination.WriteAsync(template[..slot].Replace("{{title}}", Encode(options.Title), StringComparison.Ordinal).AsMemory(), cancellationToken);
        await destination.WriteAsync(content, cancellationToken);
        await destination.WriteAsync(template.AsMemory(slot + "{{content}}".Length), cancellationToken);
    }

    private static void Header(StringBuilder html, ExperimentSummary summary, HtmlReportOptions options)
    {
        html.Append("<header><h1>").Append(Encode(options.Title)).Append("</h1><p class=\"meta\">")
            .Append(ReportFormat.Count(summary.Items)).Append(" items, ").Append(ReportFormat.Count(summary.Cases)).Append(" cases, ")
            .Append(summary.Candidates.Count).Append(" candidates");
        if (summary.Baseline is not null)
        {
            html.Append("; baseline <strong>").Append(Encode(summary.Baseline)).Append("</strong>");
        }

        html.Append(CultureInfo.InvariantCulture, $". {ReportFormat.Percent(summary.ConfidenceLevel)} percentile bootstrap intervals ({ReportFormat.Count(summary.Resamples)} resamples, seed {summary.Seed}), α = {ReportFormat.PValue(summary.Alpha)}.");
        if (summary.ExperimentIds.Count > 0)
        {
            html.Append(" Experiment ").Append(Encode(string.Join(", ", summary.ExperimentIds))).Append('.');
        }

        html.Append("</p>");
        foreach (var warning in summary.Warnings)
        {
            html.Append("<p class=\"warning\">").Append(Encode(warning)).Append("</p>");
        }

        html.Append("</header>");
    }

    private static void Candidates(StringBuilder html, ExperimentSummary summary, Dictionary<string, int> colors)
    {
        var scoreNames = ScoreNames(summary);
        html.Append("<section><h2>Candidates</h2><table id=\"candidates\"><thead><tr><th scope=\"col\">candidate</th>");
        foreach (var name in scoreNames)
        {
            html.Append("<th scope=\"col\" class=\"num\">").Append(Encode(name)).Append("</th>");
        }

        html.Append("<th scope=\"col\" class=\"num\">pass rate</th><th scope=\"col\" class=\"num\">errors</th><th scope=\"col\" class=\"num\">latency p50 / p95 (ms)</th>")
            .Append("<th scope=\"col\" class=\"num\">tokens in / out</th><th scope=\"col\" class=\"num\">total cost</th><th scope=\"col\" class=\"num\">cost per item</th>")
            .Append("<th scope=\"col\" class=\"num\">output agreement</th></tr></thead><tbody>");
        foreach (var candidate in summary.Candidates)
        {
            html.Append("<tr><th scope=\"row\"><span class=\"swatch c").Append(colors[candidate.Name]).Append("\"></span>").Append(Encode(candidate.Name));
            if (candidate.Name == summary.Baseline)
            {
                html.Append(" <small>(baseline)</small>");
            }

            html.Append("</th>");
            foreach (var name in scoreNames)
            {
                var score = candidate.Scores.FirstOrDefault(s => s.Name == name);
                html.Append("<td class=\"num\">").Append(score is null ? "–" : $"{ReportFormat.Number(score.Mean)} <small>{ReportFormat.Interval(score.Interval)}</small>").Append("</td>");
            }

            html.Append("<td class=\"num\">").Append(candidate.PassRate is { } rate ? ReportFormat.Percent(rate) : "–").Append("</td>")
                .Append("<td class=\"num\">").Append(candidate.Errors).Append("</td>")
                .Append("<td class=\"num\">").Append(ReportFormat.Milliseconds(candidate.Latency.P50)).Append(" / ").Append(ReportFormat.Milliseconds(candidate.Latency.P95)).Append("</td>")
                .Append("<td class=\"num\">").Append(ReportFormat.Count(candidate.InputTokens)).Append(" / ").Append(ReportFormat.Count(candidate.OutputTokens)).Append("</td>")
                .Append("<td class=\"num\">").Append(ReportFormat.Cost(candidate.TotalCost)).Append("</td>")
                .Append("<td class=\"num\">").Append(ReportFormat.Cost(candidate.CostPerItem)).Append("</td>")
                .Append("<td class=\"num\">").Append(candidate.OutputAgreement is { } agreement ? $"{ReportFormat.Percent(agreement)} <small>({candidate.UnstableItems} unstable)</small>" : "–").Append("</td></tr>");
        }

        html.Append("</tbody></table></section>");
    }

    private static void Comparisons(StringBuilder html, ExperimentSummary summary)
    {
        if (summary.Comparisons.Count == 0)
        {
            return;
        }

        html.Append("<section><h2>Comparisons</h2>");
        foreach (var comparison in summary.Comparisons)
        {
            html.Append("<h3>").Append(Encode(comparison.Candidate)).Append(" vs ").Append(Encode(comparison.Baseline))
                .Append(" <small>(").Append(ReportFormat.Count(comparison.PairedItems)).Append(" paired items, ").Append(comparison.Regressions).Append(" regressions)</small></h3>")
                .Append("<table class=\"comparison\"><thead><tr><th scope=\"col\">score</th><th scope=\"col\" class=\"num\">baseline</th><th scope=\"col\" class=\"num\">candidate</th>")
                .Append("<th scope=\"col\" class=\"num\">difference</th><th scope=\"col\" class=\"num\">p</th><th scope=\"col\">verdict</th></tr></thead><tbody>");
            foreach (var score in comparison.Scores)
            {
                var verdictClass = score.Verdict switch { Verdict.Better => "better", Verdict.Worse => "worse", _ => "same" };
                html.Append("<tr><th scope=\"row\">").Append(Encode(score.Score)).Append("</th>")
                    .Append("<td class=\"num\">").Append(ReportFormat.Number(score.BaselineMean)).Append("</td>")
                    .Append("<td class=\"num\">").Append(ReportFormat.Number(score.CandidateMean)).Append("</td>")
                    .Append("<td class=\"num\">").Append(ReportFormat.Signed(score.MeanDifference)).Append(" <small>").Append(ReportFormat.SignedInterval(score.Interval)).Append("</small></td>")
                    .Append("<td class=\"num\">").Append(ReportFormat.PValue(score.PValue)).Append(" <small>(").Append(score.WilcoxonPValue is not null ? "Wilcoxon" : "McNemar").Append(")</small></td>")
                    .Append("<td class=\"").Append(verdictClass).Append("\">").Append(ReportFormat.Verdict(score.Verdict));
                if (score.Warning is not null)
                {
                    html.Append("<div class=\"warning\">").Append(Encode(score.Warning)).Append("</div>");
                }

                html.Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section>");
    }

    private static void Charts(StringBuilder html, ExperimentSummary summary, Dictionary<string, int> colors)
    {
        var scoreNames = ScoreNames(summary);
        html.Append("<section><h2>Scores</h2><p class=\"note\">Mean per candidate; the whiskers are the ")
            .Append(ReportFormat.Percent(summary.ConfidenceLevel)).Append(" confidence interval.</p><div class=\"charts\">");
        foreach (var name in scoreNames)
        {
            var bars = summary.Candidates
                .Select(c => (c.Name, colors[c.Name], Score: c.Scores.FirstOrDefault(s => s.Name == name)))
                .Where(static b => b.Score is not null)
                .Select(static b => (b.Name, b.Item2, b.Score!)) // filtered above
                .ToList();
            html.Append("<figure><figcaption>").Append(Encode(name)).Append("</figcaption>");
            SvgCharts.ScoreBars(html, name, bars);
            html.Append("</figure>");
        }

        html.Append("</div>");
        if (scoreNames.Count > 0)
        {
            var quality = scoreNames[0];
            var points = summary.Candidates
                .Where(c => c.CostPerItem is not null && c.Scores.Any(s => s.Name == quality))
                .Select(c => (c.Name, colors[c.Name], (double)c.CostPerItem!.Value, c.Scores.First(s => s.Name == quality).Mean)) // filtered above
                .ToList();
            html.Append("<h3>Cost and quality</h3>");
            if (points.Count > 0)
            {
                html.Append("<figure><figcaption>Cost per item against mean ").Append(Encode(quality)).Append(": up and to the left is better.</figcaption>");
                SvgCharts.CostQuality(html, quality, points);
                html.Append("</figure>");
            }
            else
            {
                html.Append("<p class=\"note\">No case has a cost: give the runner a price table to see cost against quality.</p>");
            }
        }

        html.Append("<h3>Latency</h3><p class=\"note\">Cases per latency bin, errors included; the last bin holds everything slower.</p><div class=\"charts\">");
        foreach (var candidate in summary.Candidates)
        {
            html.Append("<figure><figcaption><span class=\"swatch c").Append(colors[candidate.Name]).Append("\"></span>").Append(Encode(candidate.Name)).Append("</figcaption>");
            SvgCharts.LatencyHistogram(html, candidate.Name, colors[candidate.Name], candidate.Latency);
            html.Append("</figure>");
        }

        html.Append("</div></section>");
    }

    private static void Items(StringBuilder html, ExperimentSummary summary, List<ItemRow> rows, bool sourcesRead, HtmlReportOptions options)
    {
        var focus = summary.Comparisons.FirstOrDefault(c => c.Candidate == options.Candidate) ?? (summary.Comparisons.Count > 0 ? summary.Comparisons[0] : null);
        var left = focus?.Baseline ?? summary.Baseline;
        var right = focus?.Candidate;
        var regressed = summary.Regressions.Select(static r => r.ItemId).Distinct(StringComparer.Ordinal).Count();
        html.Append("<section><h2>Items</h2><p class=\"note\">");
        html.Append(CultureInfo.InvariantCulture, $"Showing {ReportFormat.Count(rows.Count)} of {ReportFormat.Count(summary.Items)} items");
        if (rows.Count < summary.Items)
        {
            html.Append(CultureInfo.InvariantCulture, $" (at most {ReportFormat.Count(options.MaxItems)}: every regression first, then unstable items, then the first items of the results file; the JSON summary lists all {ReportFormat.Count(summary.Regressions.Count)} regressions)");
        }

        html.Append(CultureInfo.InvariantCulture, $". {ReportFormat.Count(regressed)} items regressed.");
        if (right is not null)
        {
            html.Append(" Outputs: ").Append(Encode(left ?? "")).Append(" next to ").Append(Encode(right)).Append(", words removed and <ins>added</ins> marked.");
        }

        if (!sourcesRead)
        {
            html.Append(" The results files were not found, so outputs and per-item scores are not shown.");
        }

        html.Append("</p><div id=\"item-controls\" hidden><label><input type=\"checkbox\" id=\"only-regressions\"> Only regressions</label>")
            .Append("<label>Filter <input type=\"search\" id=\"item-search\" placeholder=\"item id or text\"></label><span id=\"item-count\" aria-live=\"polite\"></span></div>");
        html.Append("<table id=\"items\"><thead><tr><th scope=\"col\" data-sort=\"text\">item</th><th scope=\"col\" data-sort=\"text\">regressed</th>");
        foreach (var candidate in summary.Candidates)
        {
            html.Append("<th scope=\"col\" data-sort=\"number\">").Append(Encode(candidate.Name)).Append("</th>");
        }

        html.Append("<th scope=\"col\">output of ").Append(Encode(left ?? "")).Append("</th>");
        if (right is not null)
        {
            html.Append("<th scope=\"col\">output of ").Append(Encode(right)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            var isRegression = row.Regressions.Count > 0;
            html.Append("<tr data-item=\"").Append(Encode(row.ItemId)).Append("\" data-regression=\"").Append(isRegression ? "true" : "false").Append('"');
            if (isRegression)
            {
                html.Append(" class=\"regression\"");
            }

            html.Append("><th scope=\"row\">").Append(Encode(row.ItemId)).Append("</th><td>").Append(Encode(string.Join(", ", row.Regressions)));
            if (row.Unstable)
            {
                html.Append(isRegression ? "; " : "").Append("unstable");
            }

            html.Append("</td>");
            foreach (var candidate in summary.Candidates)
            {
                ScoresCell(html, row.Cells.GetValueOrDefault(candidate.Name));
            }

            var leftCell = left is null ? null : row.Cells.GetValueOrDefault(left);
            var rightCell = right is null ? null : row.Cells.GetValueOrDefault(right);
            OutputCells(html, leftCell, rightCell, right is not null, options.MaxOutputLength);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></section>");
    }

    private static void ScoresCell(StringBuilder html, ItemCell? cell)
    {
        if (cell is null)
        {
            html.Append("<td data-value=\"\">–</td>");
            return;
        }

        var first = cell.Scores.Count > 0 ? Value(cell.Scores.First().Value) : double.NaN;
        html.Append("<td data-value=\"").Append(double.IsFinite(first) ? first.ToString("R", CultureInfo.InvariantCulture) : "").Append("\">");
        var separator = "";
        foreach (var (name, score) in cell.Scores)
        {
            html.Append(separator).Append(Encode(name)).Append(' ');
            separator = "<br>";
            if (score.ValueCount > 0)
            {
                html.Append(ReportFormat.Number(score.ValueSum / score.ValueCount));
            }

            if (score.PassEligibleRuns > 0)
            {
                html.Append(score.ValueCount > 0 ? " " : "").Append(score.PassRuns * 2 > score.PassEligibleRuns ? "✓" : "✗");
                if (score.PassEligibleRuns > 1)
                {
                    html.Append(CultureInfo.InvariantCulture, $" ({score.PassRuns}/{score.PassEligibleRuns})");
                }
            }
        }

        if (cell.Error is not null)
        {
            html.Append(separator).Append("<span class=\"worse\">error</span>");
        }

        html.Append("</td>");
    }

    private static void OutputCells(StringBuilder html, ItemCell? left, ItemCell? right, bool twoColumns, int maxLength)
    {
        var before = Truncate(Text(left), maxLength);
        if (!twoColumns)
        {
            html.Append("<td class=\"output\">").Append(Encode(before)).Append("</td>");
            return;
        }

        var after = Truncate(Text(right), maxLength);
        var spans = WordDiff.Compute(before, after);
        html.Append("<td class=\"output\">");
        foreach (var span in spans)
        {
            if (span.Kind != DiffKind.Added)
            {
                Span(html, span.Kind == DiffKind.Removed ? "del" : null, span.Text);
            }
        }

        html.Append("</td><td class=\"output\">");
        foreach (var span in spans)
        {
            if (span.Kind != DiffKind.Removed)
            {
                Span(html, span.Kind == DiffKind.Added ? "ins" : null, span.Text);
            }
        }

        html.Append("</td>");
    }

    private static void Span(StringBuilder html, string? tag, string text)
    {
        if (tag is null)
        {
            html.Append(Encode(text));
            return;
        }

        html.Append('<').Append(tag).Append('>').Append(Encode(text)).Append("</").Append(tag).Append('>');
    }

    private static string Text(ItemCell? cell) => cell is null ? "" : cell.Output ?? (cell.Error is null ? "" : $"[{cell.Error}]");

    private static string Truncate(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), " … (truncated)");

    private static double Value(ScoreCell score) =>
        score.ValueCount > 0 ? score.ValueSum / score.ValueCount
        : score.PassEligibleRuns > 0 ? (double)score.PassRuns / score.PassEligibleRuns
        : double.NaN;

    private static List<string> ScoreNames(ExperimentSummary summary) =>
        summary.Candidates.SelectMany(static c => c.Scores).Select(static s => s.Name).Distinct(StringComparer.Ordinal).ToList();

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string ReadTemplate()
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream("LlmOps.Sdk.Experiments.ReportTemplate.html")
            ?? throw new InvalidOperationException("The report template is missing from the assembly; rebuild LlmOps.Sdk.Experiments.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

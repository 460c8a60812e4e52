using System.Globalization;
using System.Net;
using System.Text;

namespace LlmOps.Sdk.Experiments;

/// <summary>
/// Draws the report's charts as inline SVG: bars with confidence whiskers, a cost and quality scatter, latency histograms.
/// </summary>
/// <remarks>
/// Hand-written rather than a charting library: the page must open from disk with no request, stay readable without
/// scripts, and follow the reader's light or dark theme through CSS classes. Three chart shapes are about 200 lines,
/// which costs less than inlining and keeping up a JavaScript library, and they render in any browser and e-mail client.
/// </remarks>
internal static class SvgCharts
{
    private const double Width = 520;
    private const double Height = 240;
    private const double Left = 48;
    private const double Right = 16;
    private const double Top = 16;
    private const double Bottom = 44;

    public static void ScoreBars(StringBuilder html, string score, IReadOnlyList<(string Candidate, int Color, ScoreSummary Score)> bars)
    {
        var max = bars.Max(static b => Math.Max(b.Score.Interval.Upper, b.Score.Mean));
        var min = bars.Min(static b => Math.Min(b.Score.Interval.Lower, b.Score.Mean));
        var yMax = max <= 1 && min >= 0 ? 1 : NiceCeiling(max);
        var yMin = min >= 0 ? 0 : -NiceCeiling(-min);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Y(double value) => Top + (plotHeight * (yMax - value) / (yMax - yMin));

        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart bars\" data-score=\"{Encode(score)}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Mean {Encode(score)} per candidate, with {Encode(score)} confidence intervals\">");
        YAxis(html, yMin, yMax, Y);
        var band = plotWidth / bars.Count;
        var barWidth = Math.Min(band * 0.6, 64);
        for (var i = 0; i < bars.Count; i++)
        {
            var (candidate, color, summary) = bars[i];
            var center = Left + (band * (i + 0.5));
            var zero = Y(Math.Max(yMin, 0));
            var top = Y(summary.Mean);
            html.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar c{color}\" data-candidate=\"{Encode(candidate)}\" x=\"{N(center - (barWidth / 2))}\" y=\"{N(Math.Min(top, zero))}\" width=\"{N(barWidth)}\" height=\"{N(Math.Abs(zero - top))}\">");
            html.Append(CultureInfo.InvariantCulture,
                $"<title>{Encode(candidate)}: {ReportFormat.Number(summary.Mean)} {ReportFormat.Interval(summary.Interval)}, {summary.Count} items</title></rect>");
            var upper = Y(summary.Interval.Upper);
            var lower = Y(summary.Interval.Lower);
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"whisker\"><line x1=\"{N(center)}\" x2=\"{N(center)}\" y1=\"{N(upper)}\" y2=\"{N(lower)}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(center - 6)}\" x2=\"{N(center + 6)}\" y1=\"{N(upper)}\" y2=\"{N(upper)}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(center - 6)}\" x2=\"{N(center + 6)}\" y1=\"{N(lower)}\" y2=\"{N(lower)}\"/></g>");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{N(center)}\" y=\"{N(upper - 4)}\" text-anchor=\"middle\">{ReportFormat.Number(summary.Mean)}</text>");
            XLabel(html, center, candidate);
        }

        html.Append("</svg>");
    }

    public static void CostQuality(StringBuilder html, string score, IReadOnlyList<(string Candidate, int Color, double Cost, double Quality)> points)
    {
        var costMax = NiceCeiling(points.Max(static p => p.Cost));
        var qualityMax = points.Max(static p => p.Quality);
        var qualityMin = points.Min(static p => p.Quality);
        var yMax = qualityMax <= 1 && qualityMin >= 0 ? 1 : NiceCeiling(qualityMax);
        var yMin = qualityMin >= 0 ? 0 : -NiceCeiling(-qualityMin);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(double cost) => Left + (plotWidth * cost / costMax);
        double Y(double value) => Top + (plotHeight * (yMax - value) / (yMax - yMin));

        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart scatter\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Cost per item against mean {Encode(score)}\">");
        YAxis(html, yMin, yMax, Y);
        for (var i = 0; i <= 4; i++)
        {
            var cost = costMax * i / 4;
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{N(X(cost))}\" y=\"{N(Height - Bottom + 16)}\" text-anchor=\"middle\">{Encode(ReportFormat.Cost((decimal)cost))}</text>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-label\" x=\"{N(Left + (plotWidth / 2))}\" y=\"{N(Height - 6)}\" text-anchor=\"middle\">cost per item</text>");
        foreach (var (candidate, color, cost, quality) in points)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<circle class=\"point c{color}\" data-candidate=\"{Encode(candidate)}\" cx=\"{N(X(cost))}\" cy=\"{N(Y(quality))}\" r=\"6\"><title>{Encode(candidate)}: {Encode(ReportFormat.Cost((decimal)cost))} per item, {Encode(score)} {ReportFormat.Number(quality)}</title></circle>");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"point-label\" x=\"{N(X(cost) + 9)}\" y=\"{N(Y(quality) + 4)}\">{Encode(Short(candidate))}</text>");
        }

        html.Append("</svg>");
    }

    public static void LatencyHistogram(StringBuilder html, string candidate, int color, LatencySummary latency)
    {
        const double height = 150;
        var plotWidth = Width - Left - Right;
        var plotHeight = height - Top - Bottom;
        var bins = latency.Histogram.Count;
        var maxCount = Math.Max(1, latency.Histogram.Max());
        var range = latency.BinWidth * bins;
        double X(double milliseconds) => Left + (plotWidth * Math.Min(milliseconds, range) / range);

        html.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart latency\" data-candidate=\"{Encode(candidate)}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"Latency histogram of {Encode(candidate)}\">");
        html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Top + plotHeight)}\" y2=\"{N(Top + plotHeight)}\"/>");
        for (var i = 0; i < bins; i++)
        {
            var count = latency.Histogram[i];
            var barHeight = plotHeight * count / maxCount;
            var label = i == bins - 1 ? $"≥ {ReportFormat.Milliseconds(latency.BinWidth * i)} ms" : $"{ReportFormat.Milliseconds(latency.BinWidth * i)}–{ReportFormat.Milliseconds(latency.BinWidth * (i + 1))} ms";
            html.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bin c{color}\" x=\"{N(X(latency.BinWidth * i) + 1)}\" y=\"{N(Top + plotHeight - barHeight)}\" width=\"{N((plotWidth / bins) - 2)}\" height=\"{N(barHeight)}\"><title>{label}: {count}</title></rect>");
        }

        foreach (var (name, value) in (ReadOnlySpan<(string, double)>)[("p50", latency.P50), ("p95", latency.P95)])
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<line class=\"marker\" x1=\"{N(X(value))}\" x2=\"{N(X(value))}\" y1=\"{Top}\" y2=\"{N(Top + plotHeight)}\"/><text class=\"tick\" x=\"{N(X(value) + 3)}\" y=\"{Top + 8}\">{name} {ReportFormat.Milliseconds(value)}</text>");
        }

        for (var i = 0; i <= 4; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{N(X(range * i / 4))}\" y=\"{N(Top + plotHeight + 16)}\" text-anchor=\"middle\">{ReportFormat.Milliseconds(range * i / 4)}</text>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-label\" x=\"{N(Left + (plotWidth / 2))}\" y=\"{N(height - 6)}\" text-anchor=\"middle\">milliseconds</text></svg>");
    }

    private static void YAxis(StringBuilder html, double min, double max, Func<double, double> y)
    {
        for (var i = 0; i <= 4; i++)
        {
            var value = min + ((max - min) * i / 4);
            html.Append(CultureInfo.InvariantCulture,
                $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(y(value))}\" y2=\"{N(y(value))}\"/><text class=\"tick\" x=\"{Left - 6}\" y=\"{N(y(value) + 4)}\" text-anchor=\"end\">{value.ToString("0.##", CultureInfo.InvariantCulture)}</text>");
        }
    }

    private static void XLabel(StringBuilder html, double center, string candidate) =>
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{N(center)}\" y=\"{N(Height - Bottom + 16)}\" text-anchor=\"middle\">{Encode(Short(candidate))}</text>");

    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

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

    private static string Short(string text) => text.Length <= 18 ? text : string.Concat(text.AsSpan(0, 17), "…");

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

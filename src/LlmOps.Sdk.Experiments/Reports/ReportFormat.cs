using System.Globalization;

namespace LlmOps.Sdk.Experiments;

/// <summary>How every report writes numbers: invariant culture, so a report reads the same on every machine.</summary>
internal static class ReportFormat
{
    public static string Number(double value) => double.IsFinite(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    public static string Signed(double value) => double.IsFinite(value) ? value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "–";

    public static string Percent(double value) => double.IsFinite(value) ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Interval(ConfidenceInterval interval) => $"[{Number(interval.Lower)}, {Number(interval.Upper)}]";

    public static string SignedInterval(ConfidenceInterval interval) => $"[{Signed(interval.Lower)}, {Signed(interval.Upper)}]";

    public static string Milliseconds(double value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    public static string Cost(decimal? value) => value is { } cost ? cost.ToString("0.######", CultureInfo.InvariantCulture) : "–";

    public static string PValue(double value) => value < 0.001 ? "<0.001" : value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Verdict(Verdict verdict) => verdict switch
    {
        Experiments.Verdict.Better => "better",
        Experiments.Verdict.Worse => "worse",
        _ => "no significant difference",
    };
}

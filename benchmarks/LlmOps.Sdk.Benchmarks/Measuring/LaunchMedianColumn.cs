using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LlmOps.Sdk.Benchmarks.Measuring;

/// <summary>Columns that compare rows launch by launch, for machines whose benchmark processes sometimes all run slower.</summary>
/// <remarks>
/// On a virtual machine a whole benchmark process can run about 1.5x slower than the next (seen here on every row), which
/// moves a mean across launches, and the ratio of two means, by more than the differences being measured. Each launch
/// is read by its median, and rows are compared by their fastest launch: a slowdown only ever adds time, so the fastest
/// launch is the row's own cost, and two rows' fastest launches ran under the same conditions. Run with
/// <c>--launchCount 5</c> or more; with one launch the columns repeat the median.
/// </remarks>
internal sealed class LaunchMedianColumn : IColumn
{
    /// <summary>Each launch's median, in launch order: shows which launches ran slow.</summary>
    public static readonly IColumn Each = new LaunchMedianColumn(Kind.Each, "Launch medians", "Each launch's median time per operation, in launch order (ns)");

    /// <summary>The lowest launch median: the row's time outside the slow mode.</summary>
    public static readonly IColumn Fastest = new LaunchMedianColumn(Kind.Fastest, "Fastest launch", "The lowest of the launches' median times per operation");

    /// <summary>The fastest launch over the baseline's fastest launch.</summary>
    public static readonly IColumn FastestRatio = new LaunchMedianColumn(
        Kind.FastestRatio, "Fastest launch ratio", "Fastest launch of this row / fastest launch of the baseline");

    private readonly Kind _kind;

    private LaunchMedianColumn(Kind kind, string name, string legend)
    {
        _kind = kind;
        ColumnName = name;
        Legend = legend;
    }

    private enum Kind
    {
        Each,
        Fastest,
        FastestRatio,
    }

    /// <inheritdoc/>
    public string Id => $"{nameof(LaunchMedianColumn)}.{_kind}";

    /// <inheritdoc/>
    public string ColumnName { get; }

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => (int)_kind;

    /// <inheritdoc/>
    public bool IsNumeric => _kind != Kind.Each;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend { get; }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var launches = LaunchMedians.Of(summary, benchmarkCase);
        if (launches.Count == 0)
        {
            return "NA";
        }

        switch (_kind)
        {
            case Kind.Each:
                return string.Join(" / ", launches.Select(ns => ns.ToString("F1", CultureInfo.InvariantCulture)));
            case Kind.Fastest:
                return launches.Min().ToString("F1", CultureInfo.InvariantCulture) + " ns";
            default:
                var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
                var baselineLaunches = baseline is null ? [] : LaunchMedians.Of(summary, baseline);
                return baselineLaunches.Count == 0 ? "?" : (launches.Min() / baselineLaunches.Min()).ToString("F3", CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public override string ToString() => ColumnName;
}

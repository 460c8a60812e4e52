using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LlmOps.Sdk.Benchmarks.Measuring;

/// <summary>Reads a benchmark's time per operation launch by launch: the median of each launch's result iterations.</summary>
internal static class LaunchMedians
{
    /// <summary>Returns each launch's median time per operation in nanoseconds, in launch order; empty when the benchmark has no result.</summary>
    public static IReadOnlyList<double> Of(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (!summary.HasReport(benchmarkCase) || summary[benchmarkCase] is not { Success: true } report)
        {
            return [];
        }

        return [.. report.GetResultRuns()
            .GroupBy(run => run.LaunchIndex)
            .OrderBy(launch => launch.Key)
            .Select(launch => Median(launch.Select(run => run.GetAverageTime().Nanoseconds)))];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

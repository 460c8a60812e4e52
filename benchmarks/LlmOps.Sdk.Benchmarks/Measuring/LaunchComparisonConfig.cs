using BenchmarkDotNet.Configs;

namespace LlmOps.Sdk.Benchmarks.Measuring;

/// <summary>Adds the launch-by-launch columns (<see cref="LaunchMedianColumn"/>) to a class whose targets are ratios.</summary>
internal sealed class LaunchComparisonConfig : ManualConfig
{
    public LaunchComparisonConfig()
    {
        AddColumn(LaunchMedianColumn.Each, LaunchMedianColumn.Fastest, LaunchMedianColumn.FastestRatio);
    }
}

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LlmOps.Sdk.Benchmarks.Experiments;

/// <summary>
/// One warm-up and five measured runs of a benchmark that takes seconds, run in the benchmark's own process.
/// </summary>
/// <remarks>
/// In process because BenchmarkDotNet's generated project must build within two minutes, which a loaded 2-core machine
/// misses; a macro benchmark of seconds loses nothing to running in process, and a fresh process per run adds nothing.
/// </remarks>
internal sealed class MacroConfig : ManualConfig
{
    public MacroConfig() =>
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("InProcessMacro"));
}

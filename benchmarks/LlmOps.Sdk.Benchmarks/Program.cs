using BenchmarkDotNet.Running;
using LlmOps.Sdk.Benchmarks.Experiments;
using LlmOps.Sdk.Benchmarks.Pipeline;

// The concurrency and experiment-memory modes are plain runs, not BenchmarkDotNet; everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == ConcurrencyRun.Command)
{
    return await ConcurrencyRun.RunAsync(args);
}

if (args.Length > 0 && args[0] == ExperimentMemoryRun.Command)
{
    return await ExperimentMemoryRun.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

using BenchmarkDotNet.Running;
using LlmOps.Sdk.Benchmarks.Pipeline;

// The concurrency mode is a plain timed run, not BenchmarkDotNet; everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == ConcurrencyRun.Command)
{
    return await ConcurrencyRun.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

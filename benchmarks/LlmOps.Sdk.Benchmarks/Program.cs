using BenchmarkDotNet.Running;
using LlmOps.Sdk.Benchmarks.Experiments;
using LlmOps.Sdk.Benchmarks.Pipeline;
using LlmOps.Sdk.Benchmarks.Prompts;

// The concurrency and experiment-memory modes are plain runs, not BenchmarkDotNet; everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == ConcurrencyRun.Command)
{
    return await ConcurrencyRun.RunAsync(args);
}

if (args.Length > 0 && args[0] == ExperimentMemoryRun.Command)
{
    return await ExperimentMemoryRun.RunAsync(args);
}

// The PostgreSQL store's run starts a server and fleet member processes: plain timed runs too.
if (args.Length > 0 && args[0] == PostgreSqlStoreRun.Command)
{
    return await PostgreSqlStoreRun.RunAsync();
}

if (args.Length > 1 && args[0] == PostgreSqlStoreRun.MemberCommand)
{
    return await PostgreSqlStoreRun.MemberAsync(args[1]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

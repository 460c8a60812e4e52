using System.Diagnostics;
using System.Globalization;
using LlmOps.Sdk.Benchmarks.Telemetry;

namespace LlmOps.Sdk.Benchmarks.Pipeline;

/// <summary>
/// The concurrency mode (not BenchmarkDotNet): N calls through the full <c>UseLlmOps()</c> pipeline (cached prompt,
/// telemetry, inline evaluator, retry) from M = 1, 8 and 64 parallel tasks, printing calls per second and GC counts.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/LlmOps.Sdk.Benchmarks -- concurrency [--calls N] [--no-listener]</c>.
/// By default a listener records every span and metric (the path with the most shared state); <c>--no-listener</c>
/// runs without one. The promise (issue 8): at 64 tasks, at least 1.5x the throughput of 1 task on 2 cores.
/// </remarks>
internal static class ConcurrencyRun
{
    /// <summary>The first argument that selects this mode.</summary>
    public const string Command = "concurrency";

    private const int DefaultCalls = 500_000;
    private static readonly int[] TaskCounts = [1, 8, 64];

    public static async Task<int> RunAsync(string[] args)
    {
        var calls = DefaultCalls;
        var listening = true;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--calls" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    calls = n;
                    i++;
                    break;
                case "--no-listener":
                    listening = false;
                    break;
                default:
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"Unknown argument '{args[i]}'. Usage: {Command} [--calls N] [--no-listener] (N a positive whole number, default {DefaultCalls:N0})."));
                    return 2;
            }
        }

        using var listeners = listening ? new TelemetryListeners(PipelineStacks.ListenedNames) : null;
        using var stacks = new PipelineStacks();
        var client = stacks.LlmOpsFull;
        PipelineStacks.Verify("concurrency", await CallAsync(client)); // and warms the prompt cache and the JIT

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{calls:N0} calls through UseLlmOps() (cached prompt, telemetry, inline evaluator, retry), {(listening ? "listener recording every span and metric" : "no listener")}, {Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC}"));
        Console.WriteLine("| tasks |    calls/s | gen0 | gen1 | gen2 | elapsed |");
        Console.WriteLine("|------:|-----------:|-----:|-----:|-----:|--------:|");

        await MeasureAsync(client, Math.Min(calls, 10_000), 64); // warm the thread pool up to 64 tasks
        var throughput = new Dictionary<int, double>();
        foreach (var tasks in TaskCounts)
        {
            var (callsPerSecond, gen0, gen1, gen2, elapsed) = await MeasureAsync(client, calls, tasks);
            throughput[tasks] = callsPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {tasks,5} | {callsPerSecond,10:N0} | {gen0,4} | {gen1,4} | {gen2,4} | {elapsed.TotalSeconds,6:F2}s |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Throughput at 64 tasks / at 1 task: {throughput[64] / throughput[1]:F2}x"));
        return 0;
    }

    private static async Task<(double CallsPerSecond, int Gen0, int Gen1, int Gen2, TimeSpan Elapsed)> MeasureAsync(
        IChatClient client, int calls, int tasks)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var start = Stopwatch.GetTimestamp();
        var workers = new Task[tasks];
        for (var t = 0; t < tasks; t++)
        {
            var share = calls / tasks + (t < calls % tasks ? 1 : 0);
            workers[t] = Task.Run(() => CallManyAsync(client, share));
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return (calls / elapsed.TotalSeconds,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, elapsed);
    }

    private static async Task CallManyAsync(IChatClient client, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            await CallAsync(client);
        }
    }

    private static Task<ChatResponse> CallAsync(IChatClient client) =>
        client.GetResponseAsync(PipelineStacks.Messages, PipelineStacks.PromptCallOptions);
}

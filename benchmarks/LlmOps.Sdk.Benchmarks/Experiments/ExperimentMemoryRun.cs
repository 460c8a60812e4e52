using System.Diagnostics;
using System.Globalization;
using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Benchmarks.Experiments;

/// <summary>
/// The experiment-memory mode (not BenchmarkDotNet): runs N cases through the runner over a free provider, in this
/// process alone, and prints the peak working set and the largest GC heap seen, so runs of different sizes compare.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/LlmOps.Sdk.Benchmarks -- experiment-memory --cases 100000</c>, then
/// again with <c>--cases 10000</c>. The dataset is the same 1,000 items both times; the cases come from repetitions, so
/// what grows with the case count is only what the runner keeps per case. The promise: 100,000 cases peak within 20%
/// of 10,000, because results stream to disk.
/// </remarks>
internal static class ExperimentMemoryRun
{
    /// <summary>The first argument that selects this mode.</summary>
    public const string Command = "experiment-memory";

    private const int Items = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = 100_000;
        if (args.Length == 3 && args[1] == "--cases" && int.TryParse(args[2], CultureInfo.InvariantCulture, out var n) && n >= Items && n % Items == 0)
        {
            cases = n;
        }
        else if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Usage: {Command} [--cases N], N a multiple of {Items:N0} (the dataset's items), default 100,000."));
            return 2;
        }

        var path = Path.Combine(Path.GetTempPath(), "llmops-memory-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var experiment = ExperimentWorkload.Experiment(ExperimentWorkload.Items(Items), new FixedProviderChatClient(), cases / Items);
        long peakHeap = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
            try
            {
                while (await timer.WaitForNextTickAsync(sampling.Token))
                {
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                }
            }
            catch (OperationCanceledException)
            {
                // The run is over.
            }
        });

        var watch = Stopwatch.StartNew();
        var result = await new ExperimentRunner().RunAsync(experiment, path);
        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        var fileBytes = new FileInfo(path).Length;
        File.Delete(path);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {result.CompletedCases:N0} cases | peak working set {process.PeakWorkingSet64 / 1024.0 / 1024.0:N1} MiB | peak GC heap {peakHeap / 1024.0 / 1024.0:N1} MiB | results file {fileBytes / 1024.0 / 1024.0:N1} MiB | {watch.Elapsed.TotalSeconds:N1} s |"));
        return 0;
    }
}

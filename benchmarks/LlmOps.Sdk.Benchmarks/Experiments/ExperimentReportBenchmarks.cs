using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Benchmarks.Experiments;

/// <summary>
/// Report generation from a results file of 100,000 cases: the summary (one streaming pass, bootstrap intervals with
/// 10,000 resamples, paired tests) and the three reports, against reading the file alone.
/// </summary>
/// <remarks>
/// Two shapes of 100,000 cases, both two candidates with token_f1 (a number) and exact_match (pass/fail) and an output
/// of about 200 characters: 10,000 items run 5 times each (a dataset with repetitions to measure stability), and
/// 50,000 items run once (the bootstrap then resamples 50,000 values 10,000 times per interval). Macro benchmarks of
/// seconds each, so one warm-up and five measured runs (BenchmarkDotNet's monitoring strategy), in process
/// (<see cref="MacroConfig"/>).
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(MacroConfig))]
public class ExperimentReportBenchmarks
{
    private string _folder = null!;
    private string _results = null!;

    /// <summary>Gets or sets the items and the runs of each, 100,000 cases either way.</summary>
    [Params("10000x5", "50000x1")]
    public string Shape { get; set; } = "10000x5";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        var (items, runs) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        _folder = Directory.CreateTempSubdirectory("llmops-bench-").FullName;
        _results = Path.Combine(_folder, "results.jsonl");
        ResultsFileWriter.Write(_results, items, runs, candidates: ["v1", "v2"]);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>The floor: deserialize every line, as any reader of the file must.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> ReadOnly()
    {
        var count = 0;
        using var reader = new StreamReader(_results);
        while (await reader.ReadLineAsync() is { } line)
        {
            count += JsonSerializer.Deserialize(line, ExperimentJsonContext.Default.ExperimentCaseResult)!.Scores.Count;
        }

        return count;
    }

    [Benchmark]
    public Task<ExperimentSummary> Summarize() => ExperimentSummarizer.SummarizeAsync(_results);

    /// <summary>What <c>llmops experiments report</c> does: the summary, then JSON, Markdown and the HTML page (500 item rows).</summary>
    [Benchmark]
    public async Task<long> SummarizeAndWriteAllReports()
    {
        var summary = await ExperimentSummarizer.SummarizeAsync(_results);
        var json = new CountingStream();
        await ExperimentReports.WriteJsonAsync(summary, json);
        var markdown = ExperimentReports.ToMarkdown(summary);
        var html = new StringWriter(new StringBuilder(4 << 20));
        await ExperimentReports.WriteHtmlAsync(summary, html);
        return json.Length + markdown.Length + html.GetStringBuilder().Length;
    }
}

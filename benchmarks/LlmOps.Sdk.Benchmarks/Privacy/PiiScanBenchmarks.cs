using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Privacy;
using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Benchmarks.Privacy;

/// <summary>
/// The scan of a 2 KB prompt: the built-in detectors' regular expressions alone, against the scanner the privacy stage
/// uses, which runs them only when a vectorised pre-check finds a character sequence some detector needs.
/// </summary>
[MemoryDiagnoser]
public class PiiScanBenchmarks
{
    private readonly string _clean = PrivacyTexts.Clean;
    private readonly string _withFiveValues = PrivacyTexts.WithFiveValues;

    [Benchmark(Baseline = true)]
    public int DetectorsCleanText() => PiiDetector.FindAll(_clean).Count;

    [Benchmark]
    public int ScannerCleanText() => PiiScanner.Default.Scan(_clean).Count;

    [Benchmark]
    public int ScannerFiveValues() => PiiScanner.Default.Scan(_withFiveValues).Count;
}

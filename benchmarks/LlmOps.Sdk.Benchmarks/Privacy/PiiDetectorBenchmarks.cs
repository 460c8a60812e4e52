using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Benchmarks.Privacy;

/// <summary>
/// The built-in detectors on a 2 KB prompt, the size of a system prompt with a question. They run on every call that
/// records content or passes the privacy stage, so the clean prompt is the row that matters: the target is well under
/// 1 µs and no allocation. The baseline is one compiled regular expression for e-mail addresses alone, the least a
/// hand-written check would run.
/// </summary>
[MemoryDiagnoser]
public partial class PiiDetectorBenchmarks
{
    private const string Paragraph =
        "You are the support assistant of Contoso Outdoor. Answer in at most 3 short paragraphs, in the customer's language, " +
        "and cite the article you used. Rules: never promise a refund above the order total; for a return after 30 days, " +
        "point to section 4 of the returns guide and offer store credit instead. The key points of the 2024 winter catalogue " +
        "are the new tents (2 and 4 persons), the down jackets and the repair service, which now takes 10 working days. ";

    private readonly string _clean = Build(Paragraph, "Customer: my order arrived with a broken pole, can I get a new one before the weekend?");

    private readonly string _withPersonalData = Build(Paragraph,
        "Customer: I'm jane.doe@example.com, +44 20 7946 0958; please refund to DE89 3704 0044 0532 0130 00.");

    [Benchmark(Baseline = true)]
    public bool CleanEmailRegexOnly() => EmailOnly().IsMatch(_clean);

    [Benchmark]
    public int CleanFindAll() => PiiDetector.FindAll(_clean).Count;

    [Benchmark]
    public int WithPersonalDataFindAll() => PiiDetector.FindAll(_withPersonalData).Count;

    [Benchmark]
    public string CleanRedact() => PiiRedactor.Instance.Redact(_clean);

    /// <summary>Repeats <paramref name="paragraph"/> to about 2 KB and ends with <paramref name="question"/>, whole.</summary>
    private static string Build(string paragraph, string question)
    {
        var text = new StringBuilder();
        while (text.Length + paragraph.Length + question.Length <= 2048)
        {
            text.Append(paragraph);
        }

        return text.Append(question).ToString();
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailOnly();
}

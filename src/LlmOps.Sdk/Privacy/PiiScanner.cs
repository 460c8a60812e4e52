using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Privacy;

/// <summary>Finds personal data with the built-in detectors and any custom ones, minus the allow-listed values.</summary>
/// <remarks>
/// Thread-safe. Findings come back ordered by position and never overlapping: the one that starts first wins, and of
/// two that start together, the longer. Used by the privacy stage and by dataset anonymisation, so both find the same.
/// </remarks>
internal sealed class PiiScanner
{
    private readonly bool _builtIns;
    private readonly IPiiDetector[] _detectors;
    private readonly HashSet<string> _allowed;

    /// <summary>Initializes a scanner.</summary>
    /// <param name="builtIns">Whether the built-in detectors run.</param>
    /// <param name="detectors">Custom detectors, run after the built-in ones.</param>
    /// <param name="allowList">Values never reported, compared ordinally and ignoring case (the company's support address, say).</param>
    public PiiScanner(bool builtIns = true, IEnumerable<IPiiDetector>? detectors = null, IEnumerable<string>? allowList = null)
    {
        _builtIns = builtIns;
        _detectors = detectors?.ToArray() ?? [];
        _allowed = new HashSet<string>(allowList ?? [], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets whether the scanner has nothing to look for: no built-in detector and no custom one.</summary>
    public bool IsEmpty => !_builtIns && _detectors.Length == 0;

    /// <summary>Gets a scanner with the built-in detectors only.</summary>
    public static PiiScanner Default { get; } = new();

    /// <summary>Finds every piece of personal data in <paramref name="text"/>.</summary>
    /// <param name="text">The text to search.</param>
    /// <returns>The findings, ordered and not overlapping; an empty list when the text is clean.</returns>
    public IReadOnlyList<PiiFinding> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<PiiFinding>? found = null;

        // The detectors' own first pass runs no regular expression on text that cannot match one: most prompts.
        if (_builtIns)
        {
            foreach (var match in PiiDetector.FindAll(text))
            {
                (found ??= []).Add(new PiiFinding(KindOf(match.Kind), match.Index, match.Length));
            }
        }

        foreach (var detector in _detectors)
        {
            detector.Detect(text, found ??= []);
        }

        if (found is null || found.Count == 0)
        {
            return [];
        }

        found.Sort(static (a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : b.Length.CompareTo(a.Length));
        var result = new List<PiiFinding>(found.Count);
        var end = 0;
        foreach (var finding in found)
        {
            if (finding.Index >= end && finding.Length > 0 && finding.Index + finding.Length <= text.Length
                && (_allowed.Count == 0 || !_allowed.Contains(text.Substring(finding.Index, finding.Length))))
            {
                result.Add(finding);
                end = finding.Index + finding.Length;
            }
        }

        return result;
    }

    /// <summary>Gets the public kind name of a built-in detector's kind.</summary>
    internal static string KindOf(PiiKind kind) => kind switch
    {
        PiiKind.Email => PiiKinds.Email,
        PiiKind.Phone => PiiKinds.Phone,
        PiiKind.CardNumber => PiiKinds.Card,
        PiiKind.Iban => PiiKinds.Iban,
        PiiKind.IpAddress => PiiKinds.IpAddress,
        _ => PiiKinds.Secret,
    };
}

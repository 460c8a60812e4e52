using System.Collections.Frozen;

namespace LlmOps.Sdk.Privacy;

/// <summary>What the privacy stage looks for and what it does with each kind: built once, when the pipeline is built.</summary>
/// <remarks>Thread-safe and immutable; each call gets its own <see cref="PrivacyCall"/>.</remarks>
internal sealed class PrivacyPolicy
{
    private readonly FrozenDictionary<string, PrivacyMode> _modes;
    private readonly PrivacyMode _defaultMode;

    public PrivacyPolicy(PiiScanner scanner, PrivacyMode defaultMode, IEnumerable<KeyValuePair<string, PrivacyMode>> modes)
    {
        Scanner = scanner;
        _defaultMode = defaultMode;
        _modes = modes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the scanner: built-in detectors, custom ones and the allow-list.</summary>
    public PiiScanner Scanner { get; }

    /// <summary>Builds the policy the options describe, with <paramref name="services"/>' detectors added to theirs.</summary>
    public static PrivacyPolicy Create(PrivacyOptions options, IEnumerable<IPiiDetector> services)
    {
        var detectors = new List<IPiiDetector>();
        foreach (var (kind, pattern) in options.Patterns)
        {
            detectors.Add(new RegexPiiDetector(kind, pattern));
        }

        detectors.AddRange(options.Detectors);
        foreach (var detector in services)
        {
            if (!detectors.Contains(detector))
            {
                detectors.Add(detector);
            }
        }

        return new PrivacyPolicy(
            new PiiScanner(options.UseBuiltInDetectors, detectors, options.AllowList), options.DefaultMode, options.Modes);
    }

    /// <summary>Returns what happens to values of <paramref name="kind"/>.</summary>
    public PrivacyMode ModeOf(string kind) => _modes.TryGetValue(kind, out var mode) ? mode : _defaultMode;
}

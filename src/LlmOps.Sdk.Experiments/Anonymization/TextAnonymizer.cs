using System.Globalization;
using System.Text;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Experiments;

/// <summary>Replaces what the scanner finds in one text at a time, and counts what it replaced, for one file.</summary>
/// <remarks>Not thread-safe: one instance per file, used by one thread.</remarks>
internal sealed class TextAnonymizer
{
    private readonly PiiScanner _scanner;
    private readonly PrivacyMode _mode;
    private readonly bool _consistent;
    private readonly PlaceholderMap _placeholders = new();
    private readonly SortedDictionary<string, int> _replacements = new(StringComparer.Ordinal);
    private readonly StringBuilder _builder = new();
    private bool _recordChanged;
    private int _records;
    private int _recordsChanged;
    private int _fieldsChanged;

    public TextAnonymizer(DatasetAnonymizerOptions options)
    {
        if (options.Mode is not (PrivacyMode.Pseudonymize or PrivacyMode.Redact))
        {
            throw new ArgumentException(
                $"DatasetAnonymizerOptions.Mode is {options.Mode}, which cannot write a file. Use Pseudonymize (placeholders such as <EMAIL_1>) or Redact ([REDACTED:email]).",
                nameof(options));
        }

        _scanner = new PiiScanner(options.UseBuiltInDetectors, options.Detectors, options.AllowList);
        _mode = options.Mode;
        _consistent = options.Consistent;
    }

    /// <summary>Returns <paramref name="text"/> with every finding replaced, or the same string when nothing was found.</summary>
    public string Anonymize(string text)
    {
        var findings = _scanner.Scan(text);
        if (findings.Count == 0)
        {
            return text;
        }

        _builder.Clear();
        var position = 0;
        foreach (var finding in findings)
        {
            _builder.Append(text, position, finding.Index - position);
            _builder.Append(_mode == PrivacyMode.Redact
                ? string.Create(CultureInfo.InvariantCulture, $"[REDACTED:{finding.Kind.ToLowerInvariant()}]")
                : _placeholders.GetOrAdd(finding.Kind, text.Substring(finding.Index, finding.Length)));
            position = finding.Index + finding.Length;
            _replacements[finding.Kind] = _replacements.GetValueOrDefault(finding.Kind) + 1;
        }

        _fieldsChanged++;
        _recordChanged = true;
        return _builder.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>Closes a record: counts it, and forgets its placeholders unless they hold across the file.</summary>
    /// <returns>Whether the record changed.</returns>
    public bool EndRecord()
    {
        var changed = _recordChanged;
        _records++;
        if (changed)
        {
            _recordsChanged++;
        }

        _recordChanged = false;
        if (!_consistent)
        {
            _placeholders.Clear();
        }

        return changed;
    }

    public DatasetAnonymizationReport Report() =>
        new(_records, _recordsChanged, _fieldsChanged, new SortedDictionary<string, int>(_replacements, StringComparer.Ordinal));
}

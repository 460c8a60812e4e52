using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Privacy;

/// <summary>Finds one custom kind of personal data with a regular expression from <see cref="PrivacyOptions.Patterns"/>.</summary>
/// <remarks>Thread-safe. A text on which the expression times out is passed over by it, so that a bad pattern cannot stall calls.</remarks>
internal sealed class RegexPiiDetector : IPiiDetector
{
    private readonly string _kind;
    private readonly Regex _regex;

    public RegexPiiDetector(string kind, string pattern)
    {
        _kind = kind;
        _regex = new Regex(pattern, RegexOptions.CultureInvariant, PrivacyConstants.PatternTimeout);
    }

    /// <inheritdoc/>
    public void Detect(string text, ICollection<PiiFinding> findings)
    {
        try
        {
            foreach (var match in _regex.EnumerateMatches(text))
            {
                if (match.Length > 0)
                {
                    findings.Add(new PiiFinding(_kind, match.Index, match.Length));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input must not stall the call; the other detectors still ran.
        }
    }
}

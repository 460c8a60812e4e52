using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Prepares one captured text for a span: redacts it, then caps its length.</summary>
/// <remarks>Redaction runs on the whole text first, so that a cut never splits a secret into a part the redactor misses.</remarks>
internal sealed class ContentCleaner
{
    private const string TruncationMarker = "…[truncated]";

    private readonly IRedactor _redactor;
    private readonly int _maxLength;

    public ContentCleaner(IRedactor redactor, int maxLength)
    {
        _redactor = redactor;
        _maxLength = maxLength;
    }

    /// <summary>Returns the text as it may be recorded; a failing custom redactor drops the text rather than leak it.</summary>
    public string Clean(string text)
    {
        string redacted;
        try
        {
            redacted = _redactor.Redact(text) ?? string.Empty;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "[REDACTION FAILED]";
        }

        return redacted.Length <= _maxLength ? redacted : string.Concat(redacted.AsSpan(0, _maxLength), TruncationMarker);
    }
}

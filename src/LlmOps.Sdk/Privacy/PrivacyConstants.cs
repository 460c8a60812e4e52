namespace LlmOps.Sdk.Privacy;

/// <summary>The privacy stage's defaults and fixed texts.</summary>
internal static class PrivacyConstants
{
    /// <summary>The mode of a kind that <see cref="PrivacyOptions.Modes"/> does not name.</summary>
    public const PrivacyMode DefaultMode = PrivacyMode.Pseudonymize;

    /// <summary>How long a custom pattern may run on one text before that text is passed over by it.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Returns what a redacted value becomes: <c>[REDACTED:email]</c>, as the telemetry redactor writes it.</summary>
    public static string Redacted(string kind) => string.Create(kind.Length + 11, kind, static (span, value) =>
    {
        "[REDACTED:".CopyTo(span);
        value.AsSpan().ToLowerInvariant(span[10..]);
        span[^1] = ']';
    });
}

using System.Text;

namespace LlmOps.Sdk.Telemetry.Redaction;

/// <summary>Replaces e-mail addresses, phone numbers, card numbers, IBANs, IP addresses and API keys with placeholders.</summary>
/// <remarks>
/// <para>
/// Each finding becomes <c>[REDACTED:kind]</c>, with kind one of <c>email</c>, <c>phone</c>, <c>card</c>, <c>iban</c>,
/// <c>ip</c>, <c>secret</c>, so a reader of the trace still sees what kind of data was there. Card numbers are
/// replaced only when they pass the Luhn check and IBANs only when they pass mod 97, so order numbers, dates and
/// version strings stay readable.
/// </para>
/// <para>Thread-safe. Text with nothing to redact is returned as it is, without allocating.</para>
/// </remarks>
public sealed class PiiRedactor : IRedactor
{
    /// <summary>Gets the shared instance.</summary>
    public static PiiRedactor Instance { get; } = new();

    /// <inheritdoc/>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = PiiDetector.FindAll(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var match in matches)
        {
            builder.Append(text, position, match.Index - position).Append(Placeholder(match.Kind));
            position = match.Index + match.Length;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    internal static string Placeholder(PiiKind kind) => kind switch
    {
        PiiKind.Email => "[REDACTED:email]",
        PiiKind.Phone => "[REDACTED:phone]",
        PiiKind.CardNumber => "[REDACTED:card]",
        PiiKind.Iban => "[REDACTED:iban]",
        PiiKind.IpAddress => "[REDACTED:ip]",
        _ => "[REDACTED:secret]",
    };
}

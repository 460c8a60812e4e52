namespace LlmOps.Sdk.Telemetry.Redaction;

/// <summary>The kinds of sensitive data that <see cref="PiiDetector"/> finds.</summary>
internal enum PiiKind
{
    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A phone number: international (<c>+49 30 1234567</c>), North American or national with a trunk 0.</summary>
    Phone,

    /// <summary>A payment card number of 13 to 19 digits that passes the Luhn check.</summary>
    CardNumber,

    /// <summary>An IBAN whose ISO 13616 mod-97 check passes.</summary>
    Iban,

    /// <summary>An IPv4 or IPv6 address.</summary>
    IpAddress,

    /// <summary>An API key, access token, private key or a value assigned to a password-like name.</summary>
    Secret,
}

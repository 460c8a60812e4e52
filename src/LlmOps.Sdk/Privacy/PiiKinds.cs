namespace LlmOps.Sdk.Privacy;

/// <summary>The kinds of personal data the built-in detectors find; placeholders are named after them (<c>&lt;EMAIL_1&gt;</c>).</summary>
public static class PiiKinds
{
    /// <summary>An e-mail address.</summary>
    public const string Email = "EMAIL";

    /// <summary>A phone number.</summary>
    public const string Phone = "PHONE";

    /// <summary>A payment card number that passes the Luhn check.</summary>
    public const string Card = "CARD";

    /// <summary>An IBAN that passes its mod-97 check.</summary>
    public const string Iban = "IBAN";

    /// <summary>An IPv4 or IPv6 address.</summary>
    public const string IpAddress = "IP";

    /// <summary>An API key, access token, private key or a value assigned to a password-like name.</summary>
    public const string Secret = "SECRET";
}

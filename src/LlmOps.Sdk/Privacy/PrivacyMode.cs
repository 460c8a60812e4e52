namespace LlmOps.Sdk.Privacy;

/// <summary>What the privacy stage does with a kind of personal data before the provider sees it.</summary>
public enum PrivacyMode
{
    /// <summary>Each distinct value becomes a placeholder for the call (<c>&lt;EMAIL_1&gt;</c>), restored in the answer.</summary>
    Pseudonymize,

    /// <summary>The value becomes <c>[REDACTED:kind]</c> and is not restored.</summary>
    Redact,

    /// <summary>The call fails before the provider with a <c>PiiPolicyException</c> that names the kinds, never the values.</summary>
    Block,
}

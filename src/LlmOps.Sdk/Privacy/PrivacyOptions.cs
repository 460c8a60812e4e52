namespace LlmOps.Sdk.Privacy;

/// <summary>Settings for the privacy stage, which protects personal data before the provider sees it.</summary>
public sealed class PrivacyOptions
{
}

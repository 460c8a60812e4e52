namespace LlmOps.Sdk.Telemetry.Redaction;

/// <summary>Removes personal data and secrets from text before it is recorded in telemetry.</summary>
/// <remarks>
/// Every captured message text, tool argument and result string, URI and system instruction passes the redactor before
/// it reaches a span. Implementations must be thread-safe and must not throw; return the same string when there is
/// nothing to remove, so that clean text costs no allocation. Register your own in DI (<c>services.AddSingleton&lt;IRedactor, MyRedactor&gt;()</c>)
/// or pass it to <c>UseLlmOpsTelemetry</c>.
/// </remarks>
public interface IRedactor
{
    /// <summary>Returns <paramref name="text"/> with every sensitive part replaced.</summary>
    /// <param name="text">Text from a message, a tool call or the system instructions.</param>
    /// <returns>The redacted text, or <paramref name="text"/> itself when nothing was found.</returns>
    string Redact(string text);
}

namespace LlmOps.Sdk.Privacy;

/// <summary>Settings for the privacy stage, which protects personal data before the provider sees it.</summary>
/// <remarks>
/// Bind it from <c>"LlmOps:Privacy"</c>, for example <c>"LlmOps:Privacy:Enabled": true</c>,
/// <c>"LlmOps:Privacy:Modes:CARD": "Block"</c>, <c>"LlmOps:Privacy:AllowList:0": "support@example.com"</c> or
/// <c>"LlmOps:Privacy:Patterns:EMPLOYEE_ID": "EMP-[0-9]{6}"</c>; add detector objects in code with
/// <c>AddPrivacy(p =&gt; p.Detectors.Add(...))</c>. Options are read once, when the pipeline is built.
/// </remarks>
public sealed class PrivacyOptions
{
    /// <summary>Gets or sets whether the privacy stage is added to the pipeline.</summary>
    /// <value>The default is <see langword="false"/>; <c>AddPrivacy()</c> turns it on.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets what happens to a kind of personal data that <see cref="Modes"/> does not name.</summary>
    /// <value>The default is <see cref="PrivacyMode.Pseudonymize"/>.</value>
    public PrivacyMode DefaultMode { get; set; } = PrivacyConstants.DefaultMode;

    /// <summary>Gets the mode of each kind of personal data, by kind (<see cref="PiiKinds"/> or a custom kind), without case.</summary>
    public IDictionary<string, PrivacyMode> Modes { get; } = new Dictionary<string, PrivacyMode>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets whether the built-in detectors run: e-mail, phone, card, IBAN, IP address and secrets.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseBuiltInDetectors { get; set; } = true;

    /// <summary>Gets custom detectors as regular expressions, by the kind they find (upper case, such as <c>EMPLOYEE_ID</c>).</summary>
    /// <remarks>Each match of the expression is one value of that kind; the expression runs with a 250 ms timeout per text.</remarks>
    public IDictionary<string, string> Patterns { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets custom detectors, such as a named-entity model for names and postal addresses.</summary>
    /// <remarks>Detectors registered as <see cref="IPiiDetector"/> services (keyed by the pipeline's key) are added to these.</remarks>
    public IList<IPiiDetector> Detectors { get; } = [];

    /// <summary>Gets values never touched, compared without case: the company's own support address, say.</summary>
    public IList<string> AllowList { get; } = [];
}

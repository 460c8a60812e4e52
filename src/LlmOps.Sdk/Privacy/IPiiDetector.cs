namespace LlmOps.Sdk.Privacy;

/// <summary>Finds personal data of one or more kinds in text, for the privacy stage and dataset anonymisation.</summary>
/// <remarks>
/// Implementations must be thread-safe and must not throw. Add a finding for every value found; overlaps with other
/// detectors are resolved by the caller (the longest finding that starts first wins). A named-entity model for names
/// and postal addresses plugs in here.
/// </remarks>
public interface IPiiDetector
{
    /// <summary>Adds every piece of personal data in <paramref name="text"/> to <paramref name="findings"/>.</summary>
    /// <param name="text">The text to search.</param>
    /// <param name="findings">Where to add what was found; add nothing when the text is clean.</param>
    void Detect(string text, ICollection<PiiFinding> findings);
}

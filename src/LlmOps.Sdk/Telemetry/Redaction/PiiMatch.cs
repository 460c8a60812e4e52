namespace LlmOps.Sdk.Telemetry.Redaction;

/// <summary>One piece of sensitive data found in a text.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Index">Where it starts in the text.</param>
/// <param name="Length">How many characters it spans.</param>
internal readonly record struct PiiMatch(PiiKind Kind, int Index, int Length);

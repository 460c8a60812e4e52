namespace LlmOps.Sdk.Privacy;

/// <summary>How many values of one kind a call's messages held, and what was done with them.</summary>
/// <param name="Kind">The kind, such as <see cref="PiiKinds.Email"/>.</param>
/// <param name="Mode">What the policy did with them.</param>
/// <param name="Count">How many occurrences (not distinct values) were found.</param>
internal readonly record struct PrivacyCount(string Kind, PrivacyMode Mode, int Count);

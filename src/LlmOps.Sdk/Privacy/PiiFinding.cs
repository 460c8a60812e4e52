namespace LlmOps.Sdk.Privacy;

/// <summary>One piece of personal data found in a text.</summary>
/// <param name="Kind">What was found, in upper case: one of <see cref="PiiKinds"/> or a custom kind such as <c>EMPLOYEE_ID</c>.</param>
/// <param name="Index">Where it starts in the text.</param>
/// <param name="Length">How many characters it spans.</param>
public readonly record struct PiiFinding(string Kind, int Index, int Length);

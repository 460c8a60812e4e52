namespace LlmOps.Sdk.Capture;

/// <summary>One captured call as a store keeps it: the columns a query filters on, and the dataset item line.</summary>
/// <param name="Dataset">The dataset the case belongs to.</param>
/// <param name="CapturedAt">When the call was captured.</param>
/// <param name="PromptName">The prompt the call rendered, or <see langword="null"/> for a call without one.</param>
/// <param name="PromptVersion">The prompt version the call rendered.</param>
/// <param name="Reason">Why it was captured: one of <see cref="CaptureReasons"/>.</param>
/// <param name="ResponseId">The response id, which is also the item's id.</param>
/// <param name="Item">The dataset item exactly as <see cref="CaptureLine"/> writes it to a file, without the line's end.</param>
internal sealed record CapturedCase(
    string Dataset, DateTimeOffset CapturedAt, string? PromptName, int? PromptVersion, string Reason, string ResponseId, string Item);

namespace LlmOps.Sdk.Capture;

/// <summary>Why a call was captured, as written in the item's <c>metadata.capture_reason</c>.</summary>
internal static class CaptureReasons
{
    public const string Sampled = "sampled";
    public const string ScoreFail = "score_fail";
    public const string NegativeFeedback = "negative_feedback";
}

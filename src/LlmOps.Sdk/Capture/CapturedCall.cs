using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Capture;

/// <summary>One call taken for capture: a copy of what the recent-call index held, written later by the capture queue.</summary>
internal sealed record CapturedCall(
    string ResponseId, string Reason, DateTimeOffset CapturedAt, IReadOnlyList<ChatMessage> Messages, ChatResponse Response)
{
    public string? PromptName { get; init; }

    public int? PromptVersion { get; init; }

    public string? ModelId { get; init; }

    public string? TraceId { get; init; }

    public object? Variables { get; init; }

    public IReadOnlyList<EvaluationRecord> Records { get; init; } = [];

    public string? Correction { get; init; }
}

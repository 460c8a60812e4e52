namespace LlmOps.Sdk.Evaluation;

/// <summary>What happens to background evaluation work when the queue is full.</summary>
public enum EvaluationOverflowPolicy
{
    /// <summary>The new work is dropped and counted in <c>llmops.evaluation.dropped</c>; the call is not delayed.</summary>
    DropAndCount,

    /// <summary>The call waits for room in the queue (back-pressure) until its cancellation token fires; then the work is dropped and counted.</summary>
    Wait,
}

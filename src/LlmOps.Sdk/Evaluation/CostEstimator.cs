namespace LlmOps.Sdk.Evaluation;

/// <summary>Estimates the cost of a call in US dollars, or returns <see langword="null"/> when its price is unknown.</summary>
/// <remarks>
/// The seam through which the telemetry stage's price table reaches <see cref="ChatEvaluationContext.EstimatedCostUsd"/>:
/// register one as a service and <c>UseLlmOpsEvaluation</c> picks it up. Without one, the cost is unknown.
/// </remarks>
internal delegate double? CostEstimator(ChatResponse response, ChatOptions? options);

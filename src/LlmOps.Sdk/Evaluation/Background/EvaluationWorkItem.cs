using System.Diagnostics;

namespace LlmOps.Sdk.Evaluation;

/// <summary>One background evaluation: which evaluator, on which call, under which span.</summary>
internal sealed record EvaluationWorkItem(
    EvaluationPipeline Pipeline, EvaluationHook Hook, ChatEvaluationContext Context, ActivityContext Parent);

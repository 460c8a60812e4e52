using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Streaming;

/// <summary>Takes every record and keeps none: an audience for the evaluation stage, so that its evaluators run.</summary>
internal sealed class DiscardingEvaluationSink : IEvaluationSink
{
    public ValueTask WriteAsync(EvaluationRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

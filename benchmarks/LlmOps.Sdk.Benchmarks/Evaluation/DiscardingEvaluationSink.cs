using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Benchmarks.Evaluation;

/// <summary>A sink that takes every record and keeps none: an audience, so that evaluators run, at no cost of its own.</summary>
internal sealed class DiscardingEvaluationSink : IEvaluationSink
{
    public ValueTask WriteAsync(EvaluationRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

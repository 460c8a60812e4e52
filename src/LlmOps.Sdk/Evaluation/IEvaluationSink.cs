namespace LlmOps.Sdk.Evaluation;

/// <summary>Receives every evaluation result: a store, a file, a queue to a dashboard.</summary>
/// <remarks>
/// Must be thread-safe. A sink that throws is logged and counted in <c>llmops.evaluation.sink.failures</c>; it never
/// fails the call. Inline results are written before the call returns, so keep writes short.
/// </remarks>
public interface IEvaluationSink
{
    /// <summary>Writes one evaluator's result for one call.</summary>
    /// <param name="record">The scores and what they are about.</param>
    /// <param name="cancellationToken">Canceled at shutdown or when the caller gives up.</param>
    /// <returns>A task that completes when the record is written.</returns>
    ValueTask WriteAsync(EvaluationRecord record, CancellationToken cancellationToken);
}

using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Experiments;

/// <summary>An evaluator that always fails, as a judge whose service is down.</summary>
internal sealed class ThrowingEvaluator : IResponseEvaluator
{
    public string Name => "broken";

    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Judge unavailable.");
}

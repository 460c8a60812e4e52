using Microsoft.Extensions.AI.Evaluation;

namespace LlmOps.Sdk.Tests.Experiments;

/// <summary>A <c>Microsoft.Extensions.AI.Evaluation</c> evaluator that stands in for an LLM judge: it scores the answer's length.</summary>
internal sealed class LengthJudge : IEvaluator
{
    public const string MetricName = "answer_length";

    public IReadOnlyCollection<string> EvaluationMetricNames => [MetricName];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default) =>
        new(new EvaluationResult(new NumericMetric(MetricName, modelResponse.Text.Length)));
}

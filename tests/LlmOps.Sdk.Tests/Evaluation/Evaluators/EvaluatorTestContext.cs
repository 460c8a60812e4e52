using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

/// <summary>Builds the context an evaluator sees, and runs an evaluator on it.</summary>
internal static class EvaluatorTestContext
{
    public static ChatEvaluationContext For(
        string response, IReadOnlyList<string>? references = null, TimeSpan latency = default, double? costUsd = null) =>
        new([new ChatMessage(ChatRole.User, "question")], new ChatResponse(new ChatMessage(ChatRole.Assistant, response)))
        {
            ReferenceAnswers = references ?? [],
            Latency = latency,
            EstimatedCostUsd = costUsd,
        };

    public static async Task<IReadOnlyList<EvaluationScore>> ScoresAsync(this IResponseEvaluator evaluator, ChatEvaluationContext context) =>
        await evaluator.EvaluateAsync(context, CancellationToken.None);

    public static async Task<EvaluationScore> ScoreAsync(this IResponseEvaluator evaluator, ChatEvaluationContext context) =>
        Assert.Single(await evaluator.EvaluateAsync(context, CancellationToken.None));
}

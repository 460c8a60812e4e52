namespace LlmOps.Sdk.Evaluation;

/// <summary>Scores 1 when the response equals a reference answer after SQuAD v1.1 normalisation, else 0.</summary>
/// <remarks>A call without a reference answer gets no score. Attach one with <c>ChatOptions.WithReferenceAnswer</c>.</remarks>
public sealed class ExactMatchEvaluator : IResponseEvaluator
{
    /// <summary>The name of this evaluator and its score: <c>exact_match</c>.</summary>
    public const string DefaultName = "exact_match";

    /// <inheritdoc/>
    public string Name => DefaultName;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ReferenceAnswers.Count == 0)
        {
            return new([]);
        }

        var matched = false;
        foreach (var reference in context.ReferenceAnswers)
        {
            matched |= SquadText.ExactMatch(context.ResponseText, reference);
        }

        return new([new EvaluationScore(Name, matched ? 1.0 : 0.0, matched,
            matched ? "The response equals a reference answer after normalisation." : "The response equals no reference answer after normalisation.")]);
    }
}

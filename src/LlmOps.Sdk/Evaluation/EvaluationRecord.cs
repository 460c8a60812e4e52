namespace LlmOps.Sdk.Evaluation;

/// <summary>What one evaluator said about one call, as written to <see cref="IEvaluationSink"/>s.</summary>
/// <param name="EvaluatorName">The evaluator that produced the scores.</param>
/// <param name="Mode">Whether it ran inline or in the background.</param>
/// <param name="Scores">The scores; one score with an <see cref="EvaluationScore.ErrorType"/> when the evaluator failed.</param>
public sealed record EvaluationRecord(string EvaluatorName, EvaluationMode Mode, IReadOnlyList<EvaluationScore> Scores)
{
    /// <summary>The <see cref="Source"/> of a score given by a person (a thumb, a rating, a correction): <c>human</c>.</summary>
    public const string HumanSource = "human";

    /// <summary>Gets who gave the scores: <see langword="null"/> for an evaluator, <see cref="HumanSource"/> for user feedback.</summary>
    public string? Source { get; init; }

    /// <summary>Gets who gave a human score (feedback), so that a sink can count one vote per person; user data.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets when the evaluation finished.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets how long the evaluator took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets the provider's id of the evaluated response.</summary>
    public string? ResponseId { get; init; }

    /// <summary>Gets the model that produced the response.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the name of the prompt the call used, when it used one.</summary>
    public string? PromptName { get; init; }

    /// <summary>Gets the version of the prompt the call used, when it used one.</summary>
    public int? PromptVersion { get; init; }

    /// <summary>Gets the trace id of the call's span, when there was one.</summary>
    public string? TraceId { get; init; }

    /// <summary>Gets the span id of the call's span, when there was one.</summary>
    public string? SpanId { get; init; }
}

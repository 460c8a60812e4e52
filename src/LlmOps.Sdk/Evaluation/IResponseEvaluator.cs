namespace LlmOps.Sdk.Evaluation;

/// <summary>Scores one finished chat call: an evaluation hook.</summary>
/// <remarks>
/// Register one with <c>AddLlmOps(o =&gt; o.AddEvaluator&lt;T&gt;())</c> or in <see cref="EvaluationOptions.Evaluators"/>.
/// An implementation must be thread-safe: many calls are evaluated at once. Whatever it throws, and however long it
/// takes, the user's call is not failed: the stage records an error score and logs it.
/// </remarks>
public interface IResponseEvaluator
{
    /// <summary>Gets the name of this evaluator, used for its scores, logs and metrics.</summary>
    string Name { get; }

    /// <summary>Scores a finished call.</summary>
    /// <param name="context">The call: its input, response, prompt, reference answers, latency, usage and cost.</param>
    /// <param name="cancellationToken">Canceled when the evaluator's timeout elapses or the host shuts down.</param>
    /// <returns>The scores; empty when the call gives this evaluator nothing to score (no reference answer, say).</returns>
    ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken);
}

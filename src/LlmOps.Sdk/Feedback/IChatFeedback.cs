namespace LlmOps.Sdk.Feedback;

/// <summary>Records feedback that arrives after a call (thumbs, ratings, corrections) against the call's prompt version.</summary>
/// <remarks>
/// Registered by <c>AddLlmOps(o =&gt; o.AddFeedback())</c>. Feedback becomes an ordinary <see cref="Evaluation.EvaluationRecord"/>
/// with <see cref="Evaluation.EvaluationRecord.Source"/> <c>human</c> and evaluator <c>feedback</c>: it goes to every
/// <see cref="Evaluation.IEvaluationSink"/> and to the <c>llmops.evaluation.score</c> histogram, tagged with the call's
/// prompt name and version, and its span links to the call's span when the trace is known. Thread-safe; never throws
/// for a response it does not know: the result says so.
/// </remarks>
public interface IChatFeedback
{
    /// <summary>Records one piece of feedback on a call.</summary>
    /// <param name="feedback">The judgement and the call it is about.</param>
    /// <param name="cancellationToken">Cancels the sink writes.</param>
    /// <returns>Whether the feedback was recorded, and against which prompt version.</returns>
    ValueTask<FeedbackResult> RecordAsync(ChatFeedback feedback, CancellationToken cancellationToken = default);
}

using System.ComponentModel.DataAnnotations;
using LlmOps.Sdk.Validation;

namespace LlmOps.Sdk.Evaluation;

/// <summary>How one evaluator is run: how often, inline or in the background, and for how long at most.</summary>
public sealed class EvaluatorOptions
{
    /// <summary>Gets or sets the share of calls this evaluator scores, decided per call at random.</summary>
    /// <value>From 0 (never) to 1 (every call). The default is 1.</value>
    [Range(0.0, 1.0)]
    public double SamplingRate { get; set; } = EvaluationConstants.DefaultSamplingRate;

    /// <summary>Gets or sets whether the evaluator runs before the call returns or on the background queue.</summary>
    /// <value>The default is <see cref="EvaluationMode.Inline"/>: use <see cref="EvaluationMode.Background"/> for slow evaluators such as LLM judges.</value>
    public EvaluationMode Mode { get; set; } = EvaluationMode.Inline;

    /// <summary>Gets or sets how long the evaluator may run; then its result is a <c>timeout</c> error and an inline call returns.</summary>
    /// <value>From 1 millisecond to 1 hour. The default is 5 seconds.</value>
    [TimeSpanRange(EvaluationConstants.MinTimeout, EvaluationConstants.MaxTimeout)]
    public TimeSpan Timeout { get; set; } = EvaluationConstants.DefaultTimeout;
}

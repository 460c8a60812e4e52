using System.ComponentModel.DataAnnotations;
using LlmOps.Sdk.Validation;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Settings for the evaluation stage: its evaluators, sinks and background queue.</summary>
/// <remarks>
/// Bind the scalar settings from <c>"LlmOps:Evaluation"</c>. Evaluators and sinks are objects, so they are added in
/// code: <c>AddLlmOps(o =&gt; o.AddEvaluator&lt;T&gt;())</c>, or <see cref="Evaluators"/> and <see cref="Sinks"/> without DI.
/// With no evaluator the stage is not added to the pipeline at all.
/// </remarks>
public sealed class EvaluationOptions
{
    /// <summary>Gets the evaluators of the pipeline, each with its sampling rate, mode and timeout.</summary>
    /// <value>At most 64. Empty by default.</value>
    [MaxCount(EvaluationConstants.MaxEvaluators)]
    [ValidateEnumeratedItems]
    public IList<EvaluatorRegistration> Evaluators { get; } = [];

    /// <summary>Gets the sinks every evaluation result is written to, in addition to those registered as services.</summary>
    public IList<IEvaluationSink> Sinks { get; } = [];

    /// <summary>Gets or sets how many background evaluations may wait in the queue.</summary>
    /// <value>From 1 to 1,000,000. The default is 1024.</value>
    [Range(1, EvaluationConstants.MaxQueueCapacity)]
    public int QueueCapacity { get; set; } = EvaluationConstants.DefaultQueueCapacity;

    /// <summary>Gets or sets how many background evaluations run at once.</summary>
    /// <value>From 1 to 64. The default is 2.</value>
    [Range(1, EvaluationConstants.MaxWorkerCount)]
    public int WorkerCount { get; set; } = EvaluationConstants.DefaultWorkerCount;

    /// <summary>Gets or sets what happens to background work when the queue is full.</summary>
    /// <value>The default is <see cref="EvaluationOverflowPolicy.DropAndCount"/>.</value>
    public EvaluationOverflowPolicy OverflowPolicy { get; set; } = EvaluationOverflowPolicy.DropAndCount;

    /// <summary>Gets or sets how long shutdown waits for queued background evaluations; what is left is counted and logged.</summary>
    /// <value>From 0 to 10 minutes. The default is 10 seconds.</value>
    [TimeSpanRange(EvaluationConstants.MinDrainTimeout, EvaluationConstants.MaxDrainTimeout)]
    public TimeSpan DrainTimeout { get; set; } = EvaluationConstants.DefaultDrainTimeout;
}

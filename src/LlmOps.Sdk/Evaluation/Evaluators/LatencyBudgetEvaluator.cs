using System.Globalization;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Passes when the call took no longer than a budget; the score is the latency in milliseconds.</summary>
public sealed class LatencyBudgetEvaluator : IResponseEvaluator
{
    /// <summary>The name of this evaluator and its score: <c>latency_budget</c>.</summary>
    public const string DefaultName = "latency_budget";

    /// <summary>Initializes a new instance of the <see cref="LatencyBudgetEvaluator"/> class.</summary>
    /// <param name="budget">The longest acceptable latency; more than zero.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is zero or negative.</exception>
    public LatencyBudgetEvaluator(TimeSpan budget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(budget, TimeSpan.Zero);
        Budget = budget;
    }

    /// <summary>Gets the longest acceptable latency.</summary>
    public TimeSpan Budget { get; }

    /// <inheritdoc/>
    public string Name => DefaultName;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var passed = context.Latency <= Budget;
        return new([new EvaluationScore(Name, context.Latency.TotalMilliseconds, passed, string.Create(CultureInfo.InvariantCulture,
            $"Took {context.Latency.TotalMilliseconds:0.#} ms; the budget is {Budget.TotalMilliseconds:0.#} ms."))]);
    }
}

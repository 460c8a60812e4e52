using System.Globalization;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Passes when the call's estimated cost is within a budget; the score is the cost in US dollars.</summary>
/// <remarks>A call whose cost is unknown (no price for its model) gets no score.</remarks>
public sealed class CostBudgetEvaluator : IResponseEvaluator
{
    /// <summary>The name of this evaluator and its score: <c>cost_budget</c>.</summary>
    public const string DefaultName = "cost_budget";

    /// <summary>Initializes a new instance of the <see cref="CostBudgetEvaluator"/> class.</summary>
    /// <param name="maxCostUsd">The highest acceptable cost of one call in US dollars; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCostUsd"/> is negative or not a number.</exception>
    public CostBudgetEvaluator(double maxCostUsd)
    {
        if (!(maxCostUsd >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxCostUsd), maxCostUsd, "The budget must be zero or more US dollars.");
        }

        MaxCostUsd = maxCostUsd;
    }

    /// <summary>Gets the highest acceptable cost of one call in US dollars.</summary>
    public double MaxCostUsd { get; }

    /// <inheritdoc/>
    public string Name => DefaultName;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.EstimatedCostUsd is not { } cost)
        {
            return new([]);
        }

        var passed = cost <= MaxCostUsd;
        return new([new EvaluationScore(Name, cost, passed, string.Create(CultureInfo.InvariantCulture,
            $"Cost ${cost:0.######}; the budget is ${MaxCostUsd:0.######}."))]);
    }
}

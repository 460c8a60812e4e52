namespace LlmOps.Sdk.Budgets;

/// <summary>Reports a chat call refused because its estimated cost would take a spend budget past its limit.</summary>
/// <remarks>
/// Nothing was sent to the provider and nothing was charged. The message names the budget, its scope, window, limit,
/// what the window has spent (reservations of calls in flight included) and the call's estimate, and says how to fix it.
/// </remarks>
public sealed class BudgetExceededException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="BudgetExceededException"/> class.</summary>
    public BudgetExceededException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BudgetExceededException"/> class with a message.</summary>
    /// <param name="message">What happened and what to do.</param>
    public BudgetExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BudgetExceededException"/> class with a message and its cause.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public BudgetExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the name of the budget that refused the call.</summary>
    public string BudgetName { get; init; } = "";

    /// <summary>Gets what the budget counts.</summary>
    public BudgetScope Scope { get; init; }

    /// <summary>Gets the prompt, model or key whose counter is full; empty for <see cref="BudgetScope.Client"/>.</summary>
    public string ScopeValue { get; init; } = "";

    /// <summary>Gets the budget's window.</summary>
    public BudgetWindow Window { get; init; }

    /// <summary>Gets whether the window rolls instead of following the UTC calendar.</summary>
    public bool Rolling { get; init; }

    /// <summary>Gets when the current window started, in UTC.</summary>
    public DateTimeOffset WindowStart { get; init; }

    /// <summary>Gets the budget's limit in US dollars.</summary>
    public double LimitUsd { get; init; }

    /// <summary>Gets what the window has spent, in US dollars, the reservations of calls in flight included.</summary>
    public double SpentUsd { get; init; }

    /// <summary>Gets the call's estimated cost in US dollars.</summary>
    public double EstimateUsd { get; init; }

    /// <summary>Gets the model the estimate priced.</summary>
    public string ModelId { get; init; } = "";
}

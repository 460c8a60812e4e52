using System.ComponentModel.DataAnnotations;

namespace LlmOps.Sdk.Budgets;

/// <summary>One spend limit in US dollars per window, for a scope of calls.</summary>
/// <remarks>
/// A call counts against every budget whose scope it falls in. Before the call its cost is estimated (input tokens plus
/// the call's maximum output tokens, priced from the telemetry price table) and reserved; a call whose reservation
/// would take the window's spend past the limit is refused, or sent to <see cref="FallbackModelId"/>. After the call the
/// reservation is replaced by the real cost.
/// </remarks>
public sealed class SpendBudget
{
    /// <summary>Gets or sets the budget's name, used in errors, logs, metrics and the shared store's keys.</summary>
    /// <value>
    /// Letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, up to 100 characters; <see langword="null"/> (the default) names it after
    /// its scope, match and window, such as <c>key-day</c>. Budgets with the same name share their counters.
    /// </value>
    [RegularExpression("^[A-Za-z0-9._-]{1,100}$")]
    public string? Name { get; set; }

    /// <summary>Gets or sets what the budget counts.</summary>
    /// <value>The default is <see cref="BudgetScope.Client"/>.</value>
    public BudgetScope Scope { get; set; } = BudgetScope.Client;

    /// <summary>Gets or sets the one prompt, model or key the budget applies to.</summary>
    /// <value>
    /// <see langword="null"/> (the default): each prompt, model or key of the scope has a counter of its own with this
    /// limit. Ignored for <see cref="BudgetScope.Client"/>.
    /// </value>
    public string? Match { get; set; }

    /// <summary>Gets or sets the period the limit applies to.</summary>
    /// <value>The default is <see cref="BudgetWindow.Day"/>.</value>
    public BudgetWindow Window { get; set; } = BudgetWindow.Day;

    /// <summary>Gets or sets whether the window rolls (the last period, whenever now is) instead of following the UTC calendar.</summary>
    /// <value>The default is <see langword="false"/>: calendar-aligned in UTC.</value>
    public bool Rolling { get; set; }

    /// <summary>Gets or sets the most the scope may spend in one window, in US dollars.</summary>
    /// <value>From 0.000001 to 1,000,000,000. Required.</value>
    [Range(BudgetConstants.MinLimitUsd, BudgetConstants.MaxLimitUsd)]
    public double LimitUsd { get; set; }

    /// <summary>Gets or sets a cheaper model that answers a call this budget would refuse, when that model's estimate fits.</summary>
    /// <value>The default is <see langword="null"/>: such a call is refused with <see cref="BudgetExceededException"/>.</value>
    public string? FallbackModelId { get; set; }
}

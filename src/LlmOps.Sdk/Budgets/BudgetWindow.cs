namespace LlmOps.Sdk.Budgets;

/// <summary>The period a spend budget's limit applies to.</summary>
/// <remarks>
/// A calendar window starts on the UTC boundary (the minute, the hour, midnight, the first of the month) and resets
/// there. A rolling window (<see cref="SpendBudget.Rolling"/>) always covers the last period, counted in 60 slices, so
/// spend leaves it one slice at a time; a rolling month is 30 days.
/// </remarks>
public enum BudgetWindow
{
    /// <summary>One minute.</summary>
    Minute,

    /// <summary>One hour.</summary>
    Hour,

    /// <summary>One day.</summary>
    Day,

    /// <summary>One calendar month, or 30 days when rolling.</summary>
    Month,
}

namespace LlmOps.Sdk.Budgets;

/// <summary>The answer of a store to a reservation.</summary>
/// <param name="Granted">Whether the amount was reserved.</param>
/// <param name="TotalUsd">The window's spend, reservations of calls in flight included: after the reservation when granted, else before it.</param>
internal readonly record struct BudgetReservation(bool Granted, double TotalUsd);

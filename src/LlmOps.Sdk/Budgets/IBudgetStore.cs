namespace LlmOps.Sdk.Budgets;

/// <summary>Keeps the spend of each budget counter per window slice, atomically.</summary>
/// <remarks>
/// In process by default (<see cref="InMemoryBudgetStore"/>); shared by a fleet through Redis with
/// <c>UseRedisBudgets</c>. A counter's total is its spent cost plus the reservations of calls in flight: one number, so
/// that the check and the reservation are one atomic step and concurrent calls can never all pass the same check.
/// </remarks>
internal interface IBudgetStore
{
    /// <summary>Adds <paramref name="amountUsd"/> to the slice when the window's total stays within <paramref name="limitUsd"/>.</summary>
    ValueTask<BudgetReservation> ReserveAsync(BudgetCounterKey key, BudgetSlot slot, double amountUsd, double limitUsd, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="deltaUsd"/> (negative to release) to the slice a reservation was made in, if the store still holds it.</summary>
    /// <returns>The total of the window that slice ends, after the change.</returns>
    ValueTask<double> AdjustAsync(BudgetCounterKey key, BudgetSlot slot, double deltaUsd, CancellationToken cancellationToken);
}

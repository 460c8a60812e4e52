using System.Collections.Concurrent;

namespace LlmOps.Sdk.Budgets;

/// <summary>Keeps budget counters in this process: the default store, exact for one instance.</summary>
/// <remarks>
/// Thread-safe; a reservation takes one dictionary lookup and one short lock, and allocates nothing once the counter
/// exists. Counters of a <see cref="BudgetScope.Key"/> budget are kept for every key seen, so the number of distinct
/// keys bounds its memory.
/// </remarks>
internal sealed class InMemoryBudgetStore : IBudgetStore
{
    private readonly ConcurrentDictionary<BudgetCounterKey, BudgetCounter> _counters = new();

    public ValueTask<BudgetReservation> ReserveAsync(
        BudgetCounterKey key, BudgetSlot slot, double amountUsd, double limitUsd, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Reserve(key, slot, amountUsd, limitUsd));

    public ValueTask<double> AdjustAsync(BudgetCounterKey key, BudgetSlot slot, double deltaUsd, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Adjust(key, slot, deltaUsd));

    /// <summary>Adjusts synchronously: the in-process path never waits.</summary>
    public double Adjust(BudgetCounterKey key, BudgetSlot slot, double deltaUsd) =>
        _counters.TryGetValue(key, out var counter) ? counter.Adjust(slot, deltaUsd) : 0;

    /// <summary>Reserves synchronously: the in-process path never waits.</summary>
    public BudgetReservation Reserve(BudgetCounterKey key, BudgetSlot slot, double amountUsd, double limitUsd) =>
        _counters.GetOrAdd(key, static (_, span) => new BudgetCounter(span), slot.Span).Reserve(slot, amountUsd, limitUsd);
}

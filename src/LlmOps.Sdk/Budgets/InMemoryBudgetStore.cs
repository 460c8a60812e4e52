using System.Collections.Concurrent;

namespace LlmOps.Sdk.Budgets;

/// <summary>Keeps budget counters in this process: the default store, exact for one instance.</summary>
/// <remarks>
/// Thread-safe; a reservation takes one dictionary lookup and one short lock, and allocates nothing once the counter
/// exists. A counter is forgotten once its window has ended and the grace for late settles
/// (<see cref="BudgetConstants.SettleGrace"/>) has passed, as a shared store's key expires: a budget per user keeps the
/// users of the current window, not every user ever seen. The forgetting is a sweep over the counters that a
/// reservation runs at most once per <see cref="BudgetConstants.StoreSweepInterval"/>, so an idle store does nothing.
/// Time is the stage's <see cref="TimeProvider"/>, read once per call by the guard and carried by the
/// <see cref="BudgetSlot"/>: the store reads no clock of its own.
/// </remarks>
internal sealed class InMemoryBudgetStore : IBudgetStore
{
    private readonly ConcurrentDictionary<BudgetCounterKey, BudgetCounter> _counters = new();
    private long _nextSweepTicks = long.MinValue; // the first reservation sets when the first sweep is due
    private int _sweeping;

    /// <summary>Gets how many counters the store holds, for tests.</summary>
    internal int Count => _counters.Count;

    public ValueTask<BudgetReservation> ReserveAsync(
        BudgetCounterKey key, BudgetSlot slot, double amountUsd, double limitUsd, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Reserve(key, slot, amountUsd, limitUsd));

    public ValueTask<double> AdjustAsync(BudgetCounterKey key, BudgetSlot slot, double deltaUsd, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Adjust(key, slot, deltaUsd));

    /// <summary>Adjusts synchronously: the in-process path never waits.</summary>
    public double Adjust(BudgetCounterKey key, BudgetSlot slot, double deltaUsd) =>
        _counters.TryGetValue(key, out var counter) ? counter.Adjust(slot, deltaUsd) : 0;

    /// <summary>Reserves synchronously: the in-process path never waits.</summary>
    public BudgetReservation Reserve(BudgetCounterKey key, BudgetSlot slot, double amountUsd, double limitUsd)
    {
        if (slot.TakenAtTicks >= Volatile.Read(ref _nextSweepTicks))
        {
            Sweep(slot.TakenAtTicks);
        }

        while (true)
        {
            var counter = _counters.GetOrAdd(key, static (_, span) => new BudgetCounter(span), slot.Span);
            if (counter.TryReserve(slot, amountUsd, limitUsd, out var reservation))
            {
                return reservation;
            }

            // A sweep retired this counter between the lookup and the lock: its window is over, so a new counter takes the call.
            _counters.TryRemove(new KeyValuePair<BudgetCounterKey, BudgetCounter>(key, counter));
        }
    }

    private void Sweep(long now)
    {
        // One sweeper at a time; the calls that arrive meanwhile go on without waiting for it.
        if (Interlocked.CompareExchange(ref _sweeping, 1, 0) != 0)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _nextSweepTicks, now + BudgetConstants.StoreSweepInterval.Ticks);
            foreach (var pair in _counters)
            {
                // Removes only this very counter: a call may already have put a new one in its place.
                if (pair.Value.TryRetire(now))
                {
                    _counters.TryRemove(pair);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}

using LlmOps.Sdk.Budgets;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Budgets;

public sealed class InMemoryBudgetStoreTests
{
    // 30 seconds into a minute, so that a minute window ends half a minute later.
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 15, 30, TimeSpan.Zero);

    private static readonly TimeSpan PastMinuteWindowAndGrace = TimeSpan.FromSeconds(30) + BudgetConstants.SettleGrace + TimeSpan.FromSeconds(1);

    [Fact]
    public void Reserve_ManyKeysWhoseWindowEnded_ForgetsTheirCounters()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryBudgetStore();
        for (var user = 0; user < 10_000; user++)
        {
            Reserve(store, time, new BudgetCounterKey("per-user-minute", $"user-{user}"), BudgetWindow.Minute, 0.01, 1);
        }

        Reserve(store, time, new BudgetCounterKey("per-user-day", "user-0"), BudgetWindow.Day, 0.01, 1);
        Assert.Equal(10_001, store.Count);

        time.Advance(PastMinuteWindowAndGrace);
        Reserve(store, time, new BudgetCounterKey("per-user-minute", "user-new"), BudgetWindow.Minute, 0.01, 1);

        Assert.True(store.Count == 2, $"Expected the day counter and the new minute counter to remain, found {store.Count} counters.");
    }

    [Fact]
    public void Reserve_OpenReservationPastItsWindow_KeepsItsCounterForTheSettle()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryBudgetStore();
        var key = new BudgetCounterKey("per-user-minute", "slow-call");
        var slot = Reserve(store, time, key, BudgetWindow.Minute, 0.5, 1);
        time.Advance(TimeSpan.FromMinutes(2)); // the window is over, the call has not settled yet

        Reserve(store, time, new BudgetCounterKey("per-user-minute", "other"), BudgetWindow.Minute, 0.01, 1); // sweeps
        var total = store.Adjust(key, slot, 0.25); // the call cost more than its estimate

        Assert.True(total == 0.75, $"Expected the settle to find its reservation (0.75 USD), found {total} USD.");
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void Reserve_LiveWindowAfterSweep_KeepsItsSpend()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryBudgetStore();
        var key = new BudgetCounterKey("per-user-day", "user-1");
        Reserve(store, time, key, BudgetWindow.Day, 0.6, 1);
        Reserve(store, time, new BudgetCounterKey("per-user-minute", "user-2"), BudgetWindow.Minute, 0.01, 1);
        time.Advance(PastMinuteWindowAndGrace);
        Reserve(store, time, new BudgetCounterKey("per-user-minute", "user-3"), BudgetWindow.Minute, 0.01, 1); // sweeps

        var slot = BudgetSlot.At(BudgetWindow.Day, rolling: false, time.GetUtcNow());
        var reservation = store.Reserve(key, slot, 0.5, 1);

        Assert.False(reservation.Granted, "The day's 0.6 USD was forgotten: a 0.5 USD call passed a 1 USD limit.");
        Assert.True(Math.Abs(reservation.TotalUsd - 0.6) < 1e-9, $"Expected the day's spend to stay 0.6 USD, found {reservation.TotalUsd} USD.");
    }

    [Fact]
    public void Reserve_RollingWindowStillHoldingSpend_KeepsItsCounter()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryBudgetStore();
        var key = new BudgetCounterKey("rolling-hour", "user-1");
        Reserve(store, time, key, BudgetWindow.Hour, 0.6, 1, rolling: true);
        time.Advance(TimeSpan.FromMinutes(50)); // the spend is still inside the last hour
        Reserve(store, time, new BudgetCounterKey("rolling-hour", "user-2"), BudgetWindow.Hour, 0.01, 1, rolling: true); // sweeps

        var reservation = store.Reserve(key, BudgetSlot.At(BudgetWindow.Hour, rolling: true, time.GetUtcNow()), 0.5, 1);

        Assert.False(reservation.Granted, $"The rolling hour's 0.6 USD was forgotten after 50 minutes: total {reservation.TotalUsd} USD.");
    }

    private static BudgetSlot Reserve(
        InMemoryBudgetStore store, TimeProvider time, BudgetCounterKey key, BudgetWindow window, double amountUsd, double limitUsd, bool rolling = false)
    {
        var slot = BudgetSlot.At(window, rolling, time.GetUtcNow());
        Assert.True(store.Reserve(key, slot, amountUsd, limitUsd).Granted, $"Reserving {amountUsd} USD for {key} was refused.");
        return slot;
    }
}

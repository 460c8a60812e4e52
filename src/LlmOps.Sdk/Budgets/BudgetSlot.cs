namespace LlmOps.Sdk.Budgets;

/// <summary>Where a call's spend is counted: a slice of a budget's window, and how many slices the window sums.</summary>
/// <param name="Index">The slice's number since 0001-01-01 UTC (a calendar window is one slice: the window itself).</param>
/// <param name="Span">How many slices, this one and those before it, make up the window: 1 for a calendar window.</param>
/// <param name="TimeToLive">How long a shared store keeps the slice: until it leaves the window, plus a grace for late settles.</param>
/// <param name="TakenAtTicks">The UTC ticks of the clock reading the slice was taken at, so a store needs no clock read of its own.</param>
internal readonly record struct BudgetSlot(long Index, int Span, TimeSpan TimeToLive, long TakenAtTicks)
{
    /// <summary>Gets until when, in UTC ticks, a store must keep the slice: its time to live from when it was taken.</summary>
    public long KeepUntilTicks => TakenAtTicks + TimeToLive.Ticks;

    /// <summary>Returns the slice <paramref name="now"/> falls in for a window.</summary>
    public static BudgetSlot At(BudgetWindow window, bool rolling, DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        if (rolling)
        {
            var slice = Length(window).Ticks / BudgetConstants.RollingSlices;
            var index = ticks / slice;
            var leaves = ((index + 1 + BudgetConstants.RollingSlices) * slice) - ticks; // when the window no longer holds it
            return new BudgetSlot(index, BudgetConstants.RollingSlices, TimeSpan.FromTicks(leaves) + BudgetConstants.SettleGrace, ticks);
        }

        if (window == BudgetWindow.Month)
        {
            var utc = now.UtcDateTime;
            var start = new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var end = start.AddMonths(1);
            return new BudgetSlot((utc.Year * 12L) + utc.Month - 1, 1, (end - utc) + BudgetConstants.SettleGrace, ticks);
        }

        var length = Length(window).Ticks;
        var number = ticks / length;
        return new BudgetSlot(number, 1, TimeSpan.FromTicks(((number + 1) * length) - ticks) + BudgetConstants.SettleGrace, ticks);
    }

    /// <summary>Returns when the window holding this slice starts, in UTC, for messages.</summary>
    public DateTimeOffset WindowStart(BudgetWindow window)
    {
        if (Span > 1)
        {
            var slice = Length(window).Ticks / BudgetConstants.RollingSlices;
            return new DateTimeOffset((Index - Span + 1) * slice, TimeSpan.Zero);
        }

        return window == BudgetWindow.Month
            ? new DateTimeOffset((int)(Index / 12), (int)(Index % 12) + 1, 1, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(Index * Length(window).Ticks, TimeSpan.Zero);
    }

    /// <summary>Returns the length of a window: a rolling month is 30 days; a calendar month's length is the month's.</summary>
    public static TimeSpan Length(BudgetWindow window) => window switch
    {
        BudgetWindow.Minute => TimeSpan.FromMinutes(1),
        BudgetWindow.Hour => TimeSpan.FromHours(1),
        BudgetWindow.Day => TimeSpan.FromDays(1),
        _ => TimeSpan.FromDays(30),
    };
}

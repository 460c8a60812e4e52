namespace LlmOps.Sdk.Budgets;

/// <summary>The in-process spend of one counter, in the slices of its window.</summary>
/// <remarks>
/// Thread-safe through one lock per counter: a check and its reservation are one step. A counter remembers until when
/// its newest reservation's slice is needed (its window's end plus <see cref="BudgetConstants.SettleGrace"/>, as a
/// shared store's key lives), so that the store can forget it once nothing can count against it any more.
/// </remarks>
internal sealed class BudgetCounter
{
    private readonly Lock _gate = new();
    private readonly long[] _slices;
    private readonly double[] _amounts;
    private long _neededUntilTicks;
    private bool _retired;

    public BudgetCounter(int span)
    {
        _slices = new long[span];
        _amounts = new double[span];
        _slices.AsSpan().Fill(long.MinValue);
    }

    /// <summary>Reserves unless the store has forgotten this counter; then the caller reserves in the counter that replaced it.</summary>
    /// <param name="slot">The slice the call is counted in.</param>
    /// <param name="amountUsd">The call's estimate.</param>
    /// <param name="limitUsd">The budget's limit.</param>
    /// <param name="reservation">The answer, when the counter is still live.</param>
    public bool TryReserve(BudgetSlot slot, double amountUsd, double limitUsd, out BudgetReservation reservation)
    {
        lock (_gate)
        {
            if (_retired)
            {
                reservation = default;
                return false;
            }

            var total = Total(slot.Index);
            if (total + amountUsd > limitUsd + BudgetConstants.ToleranceUsd)
            {
                reservation = new BudgetReservation(false, total);
                return true;
            }

            var i = (int)(slot.Index % _slices.Length);
            if (_slices[i] != slot.Index)
            {
                _slices[i] = slot.Index; // an older slice left the window: its place starts again from zero
                _amounts[i] = 0;
            }

            _amounts[i] += amountUsd;
            _neededUntilTicks = Math.Max(_neededUntilTicks, slot.KeepUntilTicks); // a granted reservation keeps its slice
            reservation = new BudgetReservation(true, total + amountUsd);
            return true;
        }
    }

    public double Adjust(BudgetSlot slot, double deltaUsd)
    {
        lock (_gate)
        {
            if (_retired)
            {
                return 0; // forgotten by the store: as if it had never been found
            }

            var i = (int)(slot.Index % _slices.Length);
            if (_slices[i] == slot.Index)
            {
                _amounts[i] = Math.Max(0, _amounts[i] + deltaUsd);
            }

            // A slice already reused belongs to a window that is over: what the late call cost no longer counts.
            return Total(slot.Index);
        }
    }

    /// <summary>Marks the counter forgotten when no reservation needs it at <paramref name="nowTicks"/> any more.</summary>
    /// <returns>Whether the counter is retired: it refuses every later use, so the store may drop it.</returns>
    public bool TryRetire(long nowTicks)
    {
        lock (_gate)
        {
            if (nowTicks >= _neededUntilTicks)
            {
                _retired = true;
            }

            return _retired;
        }
    }

    private double Total(long current)
    {
        var total = 0.0;
        var oldest = current - _slices.Length;
        for (var i = 0; i < _slices.Length; i++)
        {
            if (_slices[i] > oldest && _slices[i] <= current)
            {
                total += _amounts[i];
            }
        }

        return total;
    }
}

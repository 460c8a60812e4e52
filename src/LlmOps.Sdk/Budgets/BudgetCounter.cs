namespace LlmOps.Sdk.Budgets;

/// <summary>The in-process spend of one counter, in the slices of its window.</summary>
/// <remarks>Thread-safe through one lock per counter: a check and its reservation are one step.</remarks>
internal sealed class BudgetCounter
{
    private readonly Lock _gate = new();
    private readonly long[] _slices;
    private readonly double[] _amounts;

    public BudgetCounter(int span)
    {
        _slices = new long[span];
        _amounts = new double[span];
        _slices.AsSpan().Fill(long.MinValue);
    }

    public BudgetReservation Reserve(BudgetSlot slot, double amountUsd, double limitUsd)
    {
        lock (_gate)
        {
            var total = Total(slot.Index);
            if (total + amountUsd > limitUsd + BudgetConstants.ToleranceUsd)
            {
                return new BudgetReservation(false, total);
            }

            var i = (int)(slot.Index % _slices.Length);
            if (_slices[i] != slot.Index)
            {
                _slices[i] = slot.Index; // an older slice left the window: its place starts again from zero
                _amounts[i] = 0;
            }

            _amounts[i] += amountUsd;
            return new BudgetReservation(true, total + amountUsd);
        }
    }

    public double Adjust(BudgetSlot slot, double deltaUsd)
    {
        lock (_gate)
        {
            var i = (int)(slot.Index % _slices.Length);
            if (_slices[i] == slot.Index)
            {
                _amounts[i] = Math.Max(0, _amounts[i] + deltaUsd);
            }

            // A slice already reused belongs to a window that is over: what the late call cost no longer counts.
            return Total(slot.Index);
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

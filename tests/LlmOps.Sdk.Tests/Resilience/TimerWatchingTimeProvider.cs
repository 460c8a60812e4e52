using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Resilience;

/// <summary>A <see cref="FakeTimeProvider"/> that tells the test when a timer is armed, so it advances time only then.</summary>
/// <remarks>
/// Retry delays and timeouts arm timers from continuations the test does not control (an HTTP response arriving, say).
/// Advancing before the timer exists would move the clock past nothing; waiting for the timer first makes the test exact.
/// </remarks>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), _armed.Writer);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _armed.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Waits until a timer due in exactly <paramref name="dueTime"/> is armed, skipping other timers.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)); // a missing timer fails the test, not the run
        while (await _armed.Reader.ReadAsync(timeout.Token) != dueTime)
        {
        }
    }

    /// <summary>Waits for the next timer of any due time and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _armed.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Waits for a timer due in <paramref name="dueTime"/> and moves the clock by that much.</summary>
    public async Task AdvanceWhenArmedAsync(TimeSpan dueTime)
    {
        await WaitForTimerAsync(dueTime);
        Advance(dueTime);
    }

    /// <summary>Reports re-armed timers too: a token source's CancelAfter arms its timer through Change.</summary>
    private sealed class WatchedTimer(ITimer inner, ChannelWriter<TimeSpan> armed) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (changed && dueTime != Timeout.InfiniteTimeSpan)
            {
                armed.TryWrite(dueTime);
            }

            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

using Microsoft.Extensions.Primitives;

namespace LlmOps.Sdk.Prompts;

/// <summary>Hands out a change token and fires it, then starts a new one, each time a store changes; and tells subscribers which prompt changed.</summary>
#pragma warning disable CA1001 // A CancellationTokenSource without a timer holds nothing that needs disposing.
internal sealed class ChangeSignal
#pragma warning restore CA1001
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _current = new();
    private Action<string?>[] _subscribers = [];

    public IChangeToken Watch() => new CancellationChangeToken(Volatile.Read(ref _current).Token);

    /// <summary>Calls <paramref name="changed"/> on every <see cref="Fire"/>, with the name it was given, until the result is disposed.</summary>
    public IDisposable Subscribe(Action<string?> changed)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, changed];
        }

        return new Subscription(this, changed);
    }

    /// <summary>Announces a change of <paramref name="promptName"/>, or of anything when it is <see langword="null"/>.</summary>
    public void Fire(string? promptName = null)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber(promptName);
        }

        var previous = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    private void Unsubscribe(Action<string?> changed)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, changed))];
        }
    }

    private sealed class Subscription(ChangeSignal signal, Action<string?> changed) : IDisposable
    {
        public void Dispose() => signal.Unsubscribe(changed);
    }
}

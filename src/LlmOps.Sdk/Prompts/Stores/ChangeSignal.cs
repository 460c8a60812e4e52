using Microsoft.Extensions.Primitives;

namespace LlmOps.Sdk.Prompts;

/// <summary>Hands out a change token and fires it, then starts a new one, each time a store changes.</summary>
#pragma warning disable CA1001 // A CancellationTokenSource without a timer holds nothing that needs disposing.
internal sealed class ChangeSignal
#pragma warning restore CA1001
{
    private CancellationTokenSource _current = new();

    public IChangeToken Watch() => new CancellationChangeToken(Volatile.Read(ref _current).Token);

    public void Fire()
    {
        var previous = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }
}

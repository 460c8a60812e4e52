namespace LlmOps.Sdk.Streaming;

/// <summary>A stage's hand-written stream: its own first enumerator, passing the inner stream's updates through.</summary>
/// <remarks>
/// Written by hand rather than as an async iterator, so that an update the inner stream has ready costs a pass-through
/// call and no state machine step. The first <see cref="GetAsyncEnumerator"/> returns the stream itself; each later one
/// gets a stream of its own over the same call (<see cref="CreateAnother"/>), so enumerating twice calls twice. Each
/// enumeration observes the call's token and its own, as a compiler-generated iterator does.
/// </remarks>
internal abstract class PassThroughStream : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
{
    private int _enumerated;

    protected PassThroughStream(CancellationToken callToken)
    {
        CallToken = callToken;
    }

    /// <inheritdoc/>
    public ChatResponseUpdate Current =>
        Updates is { } updates ? updates.Current : throw new InvalidOperationException("Call MoveNextAsync before reading Current.");

    /// <summary>Gets the token the streaming call was made with.</summary>
    protected CancellationToken CallToken { get; }

    /// <summary>Gets the token this enumeration observes: the call's and the enumeration's together.</summary>
    protected CancellationToken Token { get; private set; }

    /// <summary>Gets the source linking the two tokens, when both can be cancelled; the stream disposes it.</summary>
    protected CancellationTokenSource? LinkedCancellation { get; private set; }

    /// <summary>Gets or sets the inner stream's enumerator, once the stream has started.</summary>
    protected IAsyncEnumerator<ChatResponseUpdate>? Updates { get; set; }

    /// <inheritdoc/>
    public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var stream = Interlocked.Exchange(ref _enumerated, 1) == 0 ? this : CreateAnother();
        stream._enumerated = 1;
        (stream.Token, stream.LinkedCancellation) = StreamCancellation.Combine(CallToken, cancellationToken);
        return stream;
    }

    /// <inheritdoc/>
    public abstract ValueTask<bool> MoveNextAsync();

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();

    /// <summary>Disposes the inner stream once, then the linked token source, even when the inner stream's disposal throws.</summary>
    /// <remarks>Without a linked token source, the inner stream's own disposal is returned: no state machine.</remarks>
    /// <returns>The disposal.</returns>
    protected ValueTask DisposeUpdatesAsync()
    {
        var updates = Updates;
        Updates = null;
        return LinkedCancellation is null ? updates?.DisposeAsync() ?? default : DisposeWithCancellationAsync(updates, LinkedCancellation);
    }

    /// <summary>Creates a stream over the same call, not yet enumerated, for an enumeration after the first.</summary>
    protected abstract PassThroughStream CreateAnother();

    private static async ValueTask DisposeWithCancellationAsync(IAsyncEnumerator<ChatResponseUpdate>? updates, CancellationTokenSource linked)
    {
        try
        {
            if (updates is not null)
            {
                await updates.DisposeAsync();
            }
        }
        finally
        {
            linked.Dispose();
        }
    }
}

using LlmOps.Sdk.Streaming;

namespace LlmOps.Sdk.Resilience;

/// <summary>
/// A stream whose first attempt goes straight to the provider, and through the pipeline only when it fails before its
/// first update.
/// </summary>
/// <remarks>
/// The stage uses it when its pipeline holds retries alone, which do nothing to an attempt that succeeds. Once the first
/// update has arrived, updates pass straight through: no state machine and no allocation per update. A failure before the
/// first update continues in <see cref="ResilienceChatClient.StreamAsync"/>, which replays it as the pipeline's first
/// attempt. Each <see cref="GetAsyncEnumerator"/> after the first gets a stream of its own, so enumerating twice calls twice.
/// </remarks>
internal sealed class FirstAttemptStream : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
{
    private readonly ResilienceChatClient _stage;
    private readonly IEnumerable<ChatMessage> _messages;
    private readonly ChatOptions? _options;
    private readonly CancellationToken _callToken;
    private CancellationToken _token;
    private CancellationTokenSource? _linkedCancellation;
    private IAsyncEnumerator<ChatResponseUpdate>? _updates;
    private int _enumerated;

    public FirstAttemptStream(
        ResilienceChatClient stage, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        _stage = stage;
        _messages = messages;
        _options = options;
        _callToken = cancellationToken;
    }

    /// <inheritdoc/>
    public ChatResponseUpdate Current =>
        _updates is { } updates ? updates.Current : throw new InvalidOperationException("Call MoveNextAsync before reading Current.");

    /// <inheritdoc/>
    public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var stream = Interlocked.Exchange(ref _enumerated, 1) == 0
            ? this
            : new FirstAttemptStream(_stage, _messages, _options, _callToken) { _enumerated = 1 };
        (stream._token, stream._linkedCancellation) = StreamCancellation.Combine(_callToken, cancellationToken);
        return stream;
    }

    /// <inheritdoc/>
    public ValueTask<bool> MoveNextAsync() => _updates is { } updates ? updates.MoveNextAsync() : StartAsync();

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        var updates = _updates;
        _updates = null;
        return _linkedCancellation is null ? updates?.DisposeAsync() ?? default : DisposeWithCancellationAsync(updates);
    }

    private ValueTask<bool> StartAsync()
    {
        if (_token.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(_token); // as the pipeline would: the provider is not called
        }

        ValueTask<bool> first;
        try
        {
            _updates = _stage.Provider.GetStreamingResponseAsync(_messages, _options, _token).GetAsyncEnumerator(_token);
            first = _updates.MoveNextAsync();
        }
        catch (Exception exception)
        {
            first = ValueTask.FromException<bool>(exception);
        }

        if (first.IsCompletedSuccessfully)
        {
            AttemptLog.FirstAttemptSucceeded(_stage.Telemetry);
            return first;
        }

        return AwaitFirstAsync(first);
    }

    private async ValueTask<bool> AwaitFirstAsync(ValueTask<bool> first)
    {
        Exception failure;
        try
        {
            var hasFirst = await first;
            AttemptLog.FirstAttemptSucceeded(_stage.Telemetry);
            return hasFirst;
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        if (_updates is { } failed)
        {
            _updates = null;
            await StartedStream.DisposeQuietlyAsync(failed);
        }

        // Nothing has reached the caller yet: the pipeline takes over, starting from this failure.
        _updates = _stage.StreamAsync(_messages, _options, failure, _token).GetAsyncEnumerator(_token);
        return await _updates.MoveNextAsync();
    }

    private async ValueTask DisposeWithCancellationAsync(IAsyncEnumerator<ChatResponseUpdate>? updates)
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
            _linkedCancellation?.Dispose();
        }
    }
}

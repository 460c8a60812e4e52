using System.Diagnostics;
using LlmOps.Sdk.Streaming;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Reads the inner stream for the caller and records the call: one span from the first read to the end.</summary>
/// <remarks>
/// <para>
/// Written by hand rather than as an async iterator: a chunk that the inner stream has ready passes through
/// synchronously, without a state machine step, so a listened-to stream costs a few field reads per chunk (and the
/// clock, when a chunk metric is collected). The span closes when the stream ends, fails, or is disposed early.
/// </para>
/// <para>
/// The span is current while the first chunk is requested, so that inner stages that act before the first chunk
/// (prompts, retries) find it; then the caller gets its own current span back.
/// </para>
/// </remarks>
internal sealed class ObservedStreamEnumerator : IAsyncEnumerator<ChatResponseUpdate>
{
    private readonly IChatClient _innerClient;
    private readonly ChatCallRecorder _recorder;
    private readonly IEnumerable<ChatMessage> _messages;
    private readonly ChatOptions? _options;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenSource? _linkedTokens;
    private IAsyncEnumerator<ChatResponseUpdate>? _updates;
    private Activity? _activity;
    private StreamedCall? _call;
    private string? _requestModel;
    private long _start;
    private bool _observed;
    private bool _finished;
    private ChatResponseUpdate? _current;

    public ObservedStreamEnumerator(
        IChatClient innerClient, ChatCallRecorder recorder, IEnumerable<ChatMessage> messages, ChatOptions? options,
        CancellationToken callToken, CancellationToken enumeratorToken)
    {
        _innerClient = innerClient;
        _recorder = recorder;
        _messages = messages;
        _options = options;
        (_cancellationToken, _linkedTokens) = StreamCancellation.Combine(callToken, enumeratorToken);
    }

    /// <inheritdoc/>
    public ChatResponseUpdate Current => _current ?? throw new InvalidOperationException("MoveNextAsync has not returned true.");

    /// <inheritdoc/>
    public ValueTask<bool> MoveNextAsync()
    {
        if (_finished)
        {
            return new ValueTask<bool>(false);
        }

        ValueTask<bool> pending;
        try
        {
            pending = _updates is null ? Begin() : _updates.MoveNextAsync();
        }
        catch (Exception ex)
        {
            Finish(ex);
            throw;
        }

        return pending.IsCompletedSuccessfully ? new ValueTask<bool>(OnMoved(pending.Result)) : AwaitMoveAsync(pending);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            if (_updates is not null)
            {
                _recorder.LogAbandoned(_call?.ChunkCount ?? 0);
            }

            Finish(error: null);
        }

        if (_updates is not null)
        {
            await _updates.DisposeAsync();
            _updates = null;
        }

        _linkedTokens?.Dispose();
    }

    private ValueTask<bool> Begin()
    {
        var previous = Activity.Current;
        _start = _recorder.NeedsClock(streaming: true) ? _recorder.GetTimestamp() : 0;
        _activity = _recorder.Start(_messages, _options, streaming: true, _start);
        _requestModel = _recorder.RequestModel(_options);
        _observed = _activity is not null || _start != 0 || _recorder.IsObserved; // else only a failure is logged
        _call = _observed ? new StreamedCall(keepUpdates: _activity is { IsAllDataRequested: true } && _recorder.CaptureContent, _start) : null;
        try
        {
            _updates = _innerClient.GetStreamingResponseAsync(_messages, _options, _cancellationToken).GetAsyncEnumerator(_cancellationToken);
            return _updates.MoveNextAsync();
        }
        finally
        {
            if (_activity is not null)
            {
                // Not an async method, so starting the span made it current in the caller's context: give the caller
                // its own span back. Inner work that is still running captured ours and keeps it.
                Activity.Current = previous;
            }
        }
    }

    private async ValueTask<bool> AwaitMoveAsync(ValueTask<bool> pending)
    {
        try
        {
            return OnMoved(await pending);
        }
        catch (Exception ex)
        {
            Finish(ex);
            throw;
        }
    }

    private bool OnMoved(bool moved)
    {
        if (!moved)
        {
            _current = null;
            Finish(error: null);
            return false;
        }

        var update = _updates!.Current; // a move only completes on a started stream
        _current = update;
        _call?.Observe(update, _recorder, _activity, _requestModel);
        return true;
    }

    private void Finish(Exception? error)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _recorder.Complete(
            _activity, _start, _requestModel ?? _recorder.RequestModel(_options), _call?.ToResponse(), error, _call?.TimeToFirstChunk, _call?.Prompt);
        _activity?.Dispose();
    }
}

using System.Diagnostics;
using LlmOps.Sdk.Streaming;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Reads the inner stream for the caller and records the call: one span from the first read to the end.</summary>
/// <remarks>
/// <para>
/// A chunk that the inner stream has ready passes through synchronously, without a state machine step: a listened-to
/// stream costs a few field reads per chunk, and the clock when a chunk metric is collected. Each enumeration is one
/// call with its own span, which closes when the stream ends, fails, or is disposed early.
/// </para>
/// <para>
/// The span is current while the first chunk is requested, so that inner stages that act before the first chunk
/// (prompts, retries) find it; then the caller gets its own current span back.
/// </para>
/// </remarks>
internal sealed class ObservedStream : PassThroughStream
{
    private readonly IChatClient _innerClient;
    private readonly ChatCallRecorder _recorder;
    private readonly IEnumerable<ChatMessage> _messages;
    private readonly ChatOptions? _options;
    private readonly CallWatch _watch;
    private Activity? _activity;
    private StreamedCall? _call;
    private long _start;
    private bool _finished;

    public ObservedStream(
        IChatClient innerClient, ChatCallRecorder recorder, IEnumerable<ChatMessage> messages, ChatOptions? options, CallWatch watch,
        CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _innerClient = innerClient;
        _recorder = recorder;
        _messages = messages;
        _options = options;
        _watch = watch; // as asked when the call was made
    }

    /// <inheritdoc/>
    public override ValueTask<bool> MoveNextAsync()
    {
        if (_finished)
        {
            return new ValueTask<bool>(false);
        }

        ValueTask<bool> pending;
        try
        {
            pending = Updates is { } updates ? updates.MoveNextAsync() : Begin();
        }
        catch (Exception ex)
        {
            Finish(ex);
            throw;
        }

        return pending.IsCompletedSuccessfully ? new ValueTask<bool>(OnMoved(pending.Result)) : AwaitMoveAsync(pending);
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        if (!_finished && Updates is not null)
        {
            _recorder.LogAbandoned(_watch, _call?.ChunkCount ?? 0);
            Finish(error: null);
        }

        _finished = true; // a stream never read made no call: nothing to record, and nothing to start after this

        return DisposeUpdatesAsync();
    }

    /// <inheritdoc/>
    protected override PassThroughStream CreateAnother() =>
        new ObservedStream(_innerClient, _recorder, _messages, _options, _recorder.Watch(), CallToken); // another call: asked anew

    private ValueTask<bool> Begin()
    {
        var previous = Activity.Current;
        _start = _recorder.NeedsClock(_watch, streaming: true) ? _recorder.GetTimestamp() : 0;
        _activity = _recorder.Start(_messages, _options, streaming: true, _watch, _start);
        var observed = _activity is not null || _start != 0 || _recorder.IsObserved(_watch); // else only a failure is logged
        _call = observed ? new StreamedCall(_recorder, _activity, _options?.ModelId, _start) : null;
        try
        {
            Updates = _innerClient.GetStreamingResponseAsync(_messages, _options, Token).GetAsyncEnumerator(Token);
            return Updates.MoveNextAsync();
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
            Finish(error: null);
            return false;
        }

        _call?.Observe(Updates!.Current); // a move only completes on a started stream
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
            _activity, _watch, _start, _options?.ModelId, _call?.ToResponse(), error, _call?.TimeToFirstChunk, _call?.Prompt);
        _activity?.Dispose();
    }
}

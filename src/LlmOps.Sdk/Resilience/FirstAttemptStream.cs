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
/// attempt.
/// </remarks>
internal sealed class FirstAttemptStream : PassThroughStream
{
    private readonly ResilienceChatClient _stage;
    private readonly IEnumerable<ChatMessage> _messages;
    private readonly ChatOptions? _options;

    public FirstAttemptStream(
        ResilienceChatClient stage, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _stage = stage;
        _messages = messages;
        _options = options;
    }

    /// <inheritdoc/>
    public override ValueTask<bool> MoveNextAsync() => Updates is { } updates ? updates.MoveNextAsync() : StartAsync();

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => DisposeUpdatesAsync();

    /// <inheritdoc/>
    protected override PassThroughStream CreateAnother() => new FirstAttemptStream(_stage, _messages, _options, CallToken);

    private ValueTask<bool> StartAsync()
    {
        if (Token.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(Token); // as the pipeline would: the provider is not called
        }

        ValueTask<bool> first;
        try
        {
            Updates = _stage.Provider.GetStreamingResponseAsync(_messages, _options, Token).GetAsyncEnumerator(Token);
            first = Updates.MoveNextAsync();
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

        if (Updates is { } failed)
        {
            Updates = null;
            await StartedStream.DisposeQuietlyAsync(failed);
        }

        // Nothing has reached the caller yet: the pipeline takes over, starting from this failure.
        Updates = _stage.StreamAsync(_messages, _options, failure, Token).GetAsyncEnumerator(Token);
        return await Updates.MoveNextAsync();
    }
}

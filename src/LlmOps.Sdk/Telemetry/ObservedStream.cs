namespace LlmOps.Sdk.Telemetry;

/// <summary>A stream that the telemetry stage observes: each enumeration is one call, with its own span.</summary>
internal sealed class ObservedStream : IAsyncEnumerable<ChatResponseUpdate>
{
    private readonly IChatClient _innerClient;
    private readonly ChatCallRecorder _recorder;
    private readonly IEnumerable<ChatMessage> _messages;
    private readonly ChatOptions? _options;
    private readonly CancellationToken _cancellationToken;

    public ObservedStream(
        IChatClient innerClient, ChatCallRecorder recorder, IEnumerable<ChatMessage> messages, ChatOptions? options,
        CancellationToken cancellationToken)
    {
        _innerClient = innerClient;
        _recorder = recorder;
        _messages = messages;
        _options = options;
        _cancellationToken = cancellationToken;
    }

    /// <inheritdoc/>
    public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new ObservedStreamEnumerator(_innerClient, _recorder, _messages, _options, _cancellationToken, cancellationToken);
}

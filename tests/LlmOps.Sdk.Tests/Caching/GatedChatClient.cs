namespace LlmOps.Sdk.Tests.Caching;

/// <summary>A provider that holds every call until the test opens its gate, and counts the calls that reached it.</summary>
internal sealed class GatedChatClient(Func<ChatResponse> respond) : IChatClient
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public int CallCount => Volatile.Read(ref _calls);

    public void Open() => _gate.TrySetResult();

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        await _gate.Task.WaitAsync(cancellationToken);
        return respond();
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The stampede tests make non-streaming calls.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

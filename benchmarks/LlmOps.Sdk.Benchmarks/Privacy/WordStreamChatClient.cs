using System.Runtime.CompilerServices;

namespace LlmOps.Sdk.Benchmarks.Privacy;

/// <summary>A provider that streams the same short word a given number of times, completing synchronously.</summary>
internal sealed class WordStreamChatClient : IChatClient
{
    private readonly ChatResponseUpdate[] _updates;

    public WordStreamChatClient(int chunks)
    {
        _updates = new ChatResponseUpdate[chunks];
        for (var i = 0; i < chunks; i++)
        {
            _updates[i] = new ChatResponseUpdate(ChatRole.Assistant, " word") { ResponseId = "benchmark", MessageId = "m" };
        }
    }

    /// <summary>Reads a stream to its end, counting its contents.</summary>
    public static async Task<int> ReadAsync(IChatClient client, ChatMessage[] messages)
    {
        var length = 0;
        await foreach (var update in client.GetStreamingResponseAsync(messages))
        {
            length += update.Contents.Count;
        }

        return length;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        StreamAsync(_updates, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
        // Nothing to release.
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        ChatResponseUpdate[] updates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var update in updates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return update;
        }

        await Task.CompletedTask; // completes synchronously: the iterator never suspends
    }
}

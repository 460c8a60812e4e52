using System.Globalization;

namespace LlmOps.Sdk.Benchmarks.Feedback;

/// <summary>A provider that answers at once with a new response id each call, from a ring of ids made in advance.</summary>
/// <remarks>The ids are made before the run, so the rows measure the index, not the formatting of ids.</remarks>
internal sealed class UniqueIdChatClient : IChatClient
{
    private const int Ids = 1 << 16;
    private readonly Task<ChatResponse>[] _responses = new Task<ChatResponse>[Ids];
    private int _next;

    public UniqueIdChatClient()
    {
        for (var i = 0; i < Ids; i++)
        {
            _responses[i] = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Paris"))
            {
                ResponseId = "chatcmpl-" + i.ToString("x8", CultureInfo.InvariantCulture),
                ModelId = "gpt-4o",
            });
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _responses[_next++ & (Ids - 1)];

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

namespace LlmOps.Sdk.Benchmarks.Evaluation;

/// <summary>A provider that costs nothing: one cached, completed response task, so the stage's own cost is what shows.</summary>
/// <remarks>ScriptedChatClient records every request, which grows without bound over millions of benchmark calls.</remarks>
internal sealed class CompletedChatClient : IChatClient
{
    private readonly Task<ChatResponse> _response = Task.FromResult(
        new ChatResponse(new ChatMessage(ChatRole.Assistant, "Paris")) { ResponseId = "benchmark" });

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _response;

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The benchmark measures the non-streaming path.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
        // Nothing to release.
    }
}

namespace LlmOps.Sdk.Benchmarks;

/// <summary>A provider that answers every call with the same completed response, so a benchmark measures only the stages around it.</summary>
internal sealed class FixedResponseChatClient : IChatClient
{
    private readonly Task<ChatResponse> _response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Done."))
    {
        ModelId = "gpt-4o-mini",
        FinishReason = ChatFinishReason.Stop,
        Usage = new UsageDetails { InputTokenCount = 120, OutputTokenCount = 2, TotalTokenCount = 122 },
    });

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _response;

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The prompt benchmarks measure the non-streaming path.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

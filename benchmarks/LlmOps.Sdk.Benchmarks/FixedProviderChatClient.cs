using System.Runtime.CompilerServices;

namespace LlmOps.Sdk.Benchmarks;

/// <summary>
/// A provider that costs nothing per call: every call gets the same completed response (with usage), every stream the
/// same pre-built updates (the last one with usage and the finish reason). Nothing is allocated per call but the stream's
/// enumerator, so the stacks around it are what a benchmark measures.
/// </summary>
/// <remarks>
/// <para>
/// Its methods are never inlined, as a real provider's are not: inlined, an empty method would let the JIT see that a
/// baseline's own <c>new ChatOptions()</c> goes nowhere and drop the allocation, making the hand-written rows look
/// cheaper than they are in a service.
/// </para>
/// The prompt stage writes the prompt that answered into the response's (and the first update's) properties: the first
/// call creates that dictionary, later calls overwrite the same key without allocating.
/// </remarks>
internal sealed class FixedProviderChatClient : IChatClient
{
    /// <summary>The text every call answers, and every stream assembles to.</summary>
    public const string ResponseText = "Done.";

    /// <summary>The total token count every call reports.</summary>
    public const long TotalTokens = 122;

    private readonly Task<ChatResponse> _response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, ResponseText))
    {
        ResponseId = "benchmark",
        ModelId = "gpt-4o-mini",
        FinishReason = ChatFinishReason.Stop,
        Usage = new UsageDetails { InputTokenCount = 120, OutputTokenCount = 2, TotalTokenCount = TotalTokens },
    });

    private readonly ChatResponseUpdate[] _updates;

    /// <summary>Initializes a new instance of the <see cref="FixedProviderChatClient"/> class.</summary>
    /// <param name="chunks">How many updates a stream yields; together they spell <see cref="ResponseText"/>.</param>
    public FixedProviderChatClient(int chunks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        _updates = new ChatResponseUpdate[chunks];
        for (var i = 0; i < chunks; i++)
        {
            _updates[i] = new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? ResponseText : string.Empty)
            {
                ResponseId = "benchmark",
                MessageId = "benchmark-message",
                ModelId = "gpt-4o-mini",
            };
        }

        var last = _updates[^1];
        last.FinishReason = ChatFinishReason.Stop;
        last.Contents.Add(new UsageContent(new UsageDetails { InputTokenCount = 120, OutputTokenCount = 2, TotalTokenCount = TotalTokens }));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _response;

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

        await Task.CompletedTask; // completes synchronously: the iterator never suspends, so no chunk allocates
    }
}

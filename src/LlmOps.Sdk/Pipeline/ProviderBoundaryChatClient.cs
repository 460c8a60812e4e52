namespace LlmOps.Sdk.Pipeline;

/// <summary>Takes our own <c>llmops.*</c> entries out of the options right before the provider sees them.</summary>
/// <remarks>
/// <para>
/// Adapters that forward <see cref="ChatOptions.AdditionalProperties"/> as raw request parameters would send our
/// entries to the provider, or fail to serialize one that is not JSON (the rate limiter's fault listener). Every stage
/// of ours puts this boundary under itself when the chain below has none yet (see <see cref="Below"/>), so it ends up
/// under the innermost stage of ours, whichever stages configuration added and in any partial composition, and every
/// stage above it still sees the entries it reads. The resilience stage puts one under itself and under its fallback
/// client, so each attempt reaches the provider clean while the stage keeps the fault listener for its reports.
/// </para>
/// <para>Thread-safe. A call whose options carry no key of ours passes through as it is, without a copy.</para>
/// </remarks>
internal sealed class ProviderBoundaryChatClient : DelegatingChatClient
{
    private ProviderBoundaryChatClient(IChatClient innerClient)
        : base(innerClient)
    {
    }

    /// <summary>Returns <paramref name="innerClient"/> when a boundary already sits in the chain below it, else it wrapped in one.</summary>
    /// <remarks>
    /// Each stage's constructor calls it on the client it wraps. Pipelines are built innermost first, so the innermost
    /// stage of ours puts the boundary next to the provider, and the stages above find it and add none. A resilience
    /// stage lower in the chain (under function invocation) has its own boundary, so no stage above strips the fault
    /// listener it needs.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    public static IChatClient Below(IChatClient innerClient)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        return innerClient.GetService(typeof(ProviderBoundaryChatClient)) is null
            ? new ProviderBoundaryChatClient(innerClient)
            : innerClient;
    }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.GetResponseAsync(messages, OwnProperties.Without(options), cancellationToken);

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.GetStreamingResponseAsync(messages, OwnProperties.Without(options), cancellationToken);
}

using System.Runtime.CompilerServices;
using LlmOps.Sdk.Pipeline;

namespace LlmOps.Sdk.Prompts;

/// <summary>Renders the prompt named in <see cref="ChatOptions"/> into the messages sent to the inner client.</summary>
/// <remarks>
/// Thread-safe. A call marked with <see cref="PromptChatOptionsExtensions.WithPrompt(ChatOptions, string, object, string, int?, string)"/> gets the prompt's rendered
/// messages before its own, and the prompt's model settings where its options leave them unset. A call that names no
/// prompt passes through unchanged.
/// </remarks>
public sealed class PromptChatClient : DelegatingChatClient
{
    private readonly PromptResolver _resolver;

    /// <summary>Initializes a new instance of the <see cref="PromptChatClient"/> class.</summary>
    /// <param name="innerClient">The client that receives the rendered messages.</param>
    /// <param name="registry">Where prompt versions are looked up.</param>
    /// <param name="options">How prompts are resolved and rendered.</param>
    public PromptChatClient(IChatClient innerClient, IPromptRegistry registry, PromptOptions options)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _resolver = new PromptResolver(registry, options);
    }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A cached prompt prepares synchronously; then no async state machine is needed unless the provider is pending.
        var pending = _resolver.PrepareAsync(messages, options, cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return SendAsync(pending, cancellationToken);
        }

        var call = pending.Result;
        var response = base.GetResponseAsync(call.Messages, call.Options, cancellationToken);
        if (call.Prompt is not { } prompt)
        {
            return response;
        }

        if (response.IsCompletedSuccessfully)
        {
#pragma warning disable RS0030 // The task has completed: reading its result does not block.
            PromptStamp.Write(response.Result, prompt);
#pragma warning restore RS0030
            return response;
        }

        return StampAsync(response, prompt);
    }

    private static async Task<ChatResponse> StampAsync(Task<ChatResponse> response, PromptVersion prompt)
    {
        var result = await response;
        PromptStamp.Write(result, prompt);
        return result;
    }

    private async Task<ChatResponse> SendAsync(ValueTask<PreparedCall> pending, CancellationToken cancellationToken)
    {
        var call = await pending;
        var response = await base.GetResponseAsync(call.Messages, call.Options, cancellationToken);
        if (call.Prompt is { } prompt)
        {
            PromptStamp.Write(response, prompt);
        }

        return response;
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        PromptCall.TryGet(options, out _)
            ? StreamPromptAsync(messages, options, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken); // no prompt named: no wrapper, no cost per update

    private async IAsyncEnumerable<ChatResponseUpdate> StreamPromptAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Resolve before the first chunk, so that a bad prompt fails the call and not the middle of a stream.
        var call = await _resolver.PrepareAsync(messages, options, cancellationToken);
        var prompt = call.Prompt;
        await foreach (var update in base.GetStreamingResponseAsync(call.Messages, call.Options, cancellationToken))
        {
            if (prompt is not null)
            {
                // Once per stream, on the first update: the telemetry stage reads it there for its metrics, and
                // ToChatResponseAsync carries it into the assembled response.
                PromptStamp.Write(update, prompt);
                prompt = null;
            }

            yield return update;
        }
    }
}

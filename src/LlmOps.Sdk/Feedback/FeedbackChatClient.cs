using System.Diagnostics;
using System.Runtime.CompilerServices;
using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Pipeline;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Feedback;

/// <summary>Remembers each finished call by its response id, with its prompt version and span, for feedback and capture.</summary>
/// <remarks>
/// Thread-safe. Sits right below the prompt stage, so that each call is known by the prompt version that answered it.
/// Remembering a call allocates nothing: the index keeps references to what the call already made. A call without a
/// response id, or that fails, is not remembered.
/// </remarks>
internal sealed class FeedbackChatClient : DelegatingChatClient
{
    private readonly RecentCallIndex _index;
    private readonly DatasetCapture? _capture;

    public FeedbackChatClient(IChatClient innerClient, RecentCallIndex index, DatasetCapture? capture)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        _index = index;
        _capture = capture;
    }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var trace = Activity.Current?.Context ?? default; // the call's span, read before any await
        var call = base.GetResponseAsync(messages, options, cancellationToken);
        if (!call.IsCompletedSuccessfully)
        {
            return RememberAsync(call, messages, options, trace);
        }

#pragma warning disable RS0030 // The task has completed: reading its result does not block.
        Remember(messages, options, call.Result, trace);
#pragma warning restore RS0030
        return call; // remembered at once: the inner task is the answer, so the stage adds no task of its own
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var trace = Activity.Current?.Context ?? default;

        // Capture writes the response, so only then are the updates kept to assemble it; feedback needs the id alone.
        List<ChatResponseUpdate>? updates = _capture is not null ? [] : null;
        string? responseId = null;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            responseId ??= update.ResponseId;
            updates?.Add(update);
            yield return update;
        }

        if (responseId is not null)
        {
            var response = updates is not null ? updates.ToChatResponse() : new ChatResponse { ResponseId = responseId };
            response.ResponseId ??= responseId;
            Remember(messages, options, response, trace);
        }
    }

    private async Task<ChatResponse> RememberAsync(
        Task<ChatResponse> call, IEnumerable<ChatMessage> messages, ChatOptions? options, ActivityContext trace)
    {
        var response = await call;
        Remember(messages, options, response, trace);
        return response;
    }

    private void Remember(IEnumerable<ChatMessage> messages, ChatOptions? options, ChatResponse response, ActivityContext trace)
    {
        if (response.ResponseId is not { } responseId)
        {
            return;
        }

        // A stage below may have answered with another version than the one rendered (a rollout): the response's mark wins.
        var prompt = PromptStamp.Read(response.AdditionalProperties) ?? options.GetRenderedPrompt();
        var facts = _capture is null
            ? new CallFacts(prompt?.Name, prompt?.Version, trace, response.ModelId, null, 0, null, null)
            : new CallFacts(prompt?.Name, prompt?.Version, trace, response.ModelId, Replayable(messages, out var count), count, response,
                (options as RenderedPromptChatOptions)?.Variables);
        var hasFailingScore = _index.Add(responseId, facts);
        _capture?.OnCall(responseId, hasFailingScore);
    }

    private static IEnumerable<ChatMessage> Replayable(IEnumerable<ChatMessage> messages, out int count)
    {
        // A collection is kept by reference with its count now (the caller may append later); a one-shot sequence is copied.
        if (messages is IReadOnlyCollection<ChatMessage> collection)
        {
            count = collection.Count;
            return collection;
        }

        ChatMessage[] copy = [.. messages];
        count = copy.Length;
        return copy;
    }
}

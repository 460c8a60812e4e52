using System.Runtime.CompilerServices;
using LlmOps.Sdk.Pipeline;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Rollouts;

/// <summary>Counts each call of a prompt under rollout in its version's figures: error, latency and cost.</summary>
/// <remarks>
/// Sits right below the prompt stage, which has chosen the version by then, so a call that throws is counted against the
/// version it was sent with. A call of a prompt that no rollout watches passes through with one dictionary lookup.
/// Thread-safe.
/// </remarks>
internal sealed class RolloutChatClient : DelegatingChatClient
{
    private readonly RolloutFigures _figures;
    private readonly ModelPriceTable _prices;
    private readonly TimeProvider _time;

    public RolloutChatClient(IChatClient innerClient, RolloutFigures figures, ModelPriceTable prices, TimeProvider? timeProvider = null)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(prices);
        _figures = figures;
        _prices = prices;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Watched(options) is { } prompt
            ? ObserveAsync(prompt, messages, options, cancellationToken)
            : base.GetResponseAsync(messages, options, cancellationToken);

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Watched(options) is { } prompt
            ? ObserveStreamAsync(prompt, messages, options, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private PromptVersion? Watched(ChatOptions? options) =>
        !_figures.IsEmpty && options.GetRenderedPrompt() is { } prompt && _figures.IsWatched(prompt.Name) ? prompt : null;

    private async Task<ChatResponse> ObserveAsync(
        PromptVersion prompt, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The caller giving up says nothing about the version; anything else that escapes the pipeline below does.
            _figures.RecordCall(prompt.Name, prompt.Version, failed: true, _time.GetElapsedTime(start).TotalMilliseconds, null);
            throw;
        }

        _figures.RecordCall(prompt.Name, prompt.Version, failed: false, _time.GetElapsedTime(start).TotalMilliseconds,
            Cost(response.ModelId ?? options?.ModelId, response.Usage));
        return response;
    }

    private async IAsyncEnumerable<ChatResponseUpdate> ObserveStreamAsync(
        PromptVersion prompt, IEnumerable<ChatMessage> messages, ChatOptions? options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        UsageDetails? usage = null;
        var model = options?.ModelId;
        var failed = true;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                model = update.ModelId ?? model;
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent { Details: { } details })
                    {
                        (usage ??= new()).Add(details);
                    }
                }

                yield return update;
            }

            failed = false;
        }
        finally
        {
            // A stream the caller stopped reading early is neither a success nor a failure of the version.
            if (!failed || !cancellationToken.IsCancellationRequested)
            {
                _figures.RecordCall(prompt.Name, prompt.Version, failed, _time.GetElapsedTime(start).TotalMilliseconds,
                    failed ? null : Cost(model, usage));
            }
        }
    }

    private double? Cost(string? model, UsageDetails? usage) =>
        _prices.TryGetCostUsd(model, usage, out var cost) ? cost : null;
}

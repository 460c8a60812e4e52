using System.Runtime.CompilerServices;
using LlmOps.Sdk.Pipeline;

namespace LlmOps.Sdk.RateLimits;

/// <summary>Keeps calls under the provider's requests-per-minute and tokens-per-minute quota, waiting for a permit up to a bound.</summary>
/// <remarks>
/// <para>
/// Before each call it takes one request permit and its estimated tokens (input plus maximum output) from the
/// client's limiter and its model's; when none is left, it waits up to <see cref="RateLimitOptions.MaxWait"/>, then
/// throws <see cref="RateLimitExceededException"/> without sending anything, unless its model's own limit refused it and
/// a fallback model is set (<see cref="RateLimitOptions.FallbackModelId"/>, <see cref="ModelRateLimit.FallbackModelId"/>):
/// then the call goes to the fallback, if that model's limit has a permit within what is left of the wait. A call that used more tokens than estimated
/// takes the difference afterwards.
/// </para>
/// <para>
/// A provider's 429 with OpenAI's <c>x-ratelimit-remaining-*</c> and <c>x-ratelimit-reset-*</c> headers adjusts the
/// limiter: its windows drain to what the provider says is left, and when nothing is left, calls pause until the reset.
/// It hears of every failed attempt, including those the resilience stage below retried away.
/// </para>
/// <para>Thread-safe. With <c>AddRateLimits</c>, every client the pipeline builds shares one set of limiters.</para>
/// </remarks>
public sealed class RateLimitChatClient : DelegatingChatClient
{
    private readonly RateLimitGate _gate;
    private readonly ProviderRateLimiter? _owned;
    private readonly string? _defaultModel;

    internal RateLimitChatClient(IChatClient innerClient, RateLimitGate gate, ProviderRateLimiter? owned)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        _gate = gate;
        _owned = owned;
        _defaultModel = innerClient.GetService<ChatClientMetadata>()?.DefaultModelId;
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = AsList(messages);
        var permit = await _gate.AcquireAsync(list, options, options?.ModelId ?? _defaultModel, cancellationToken);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(list, ForPermit(options, permit), cancellationToken);
        }
        catch (Exception exception)
        {
            permit.OnFault(exception);
            throw;
        }

        permit.Square(response.Usage);
        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Wait before the first chunk, so that a refused call fails as a whole and not in the middle of a stream.
        var list = AsList(messages);
        var permit = await _gate.AcquireAsync(list, options, options?.ModelId ?? _defaultModel, cancellationToken);
        UsageDetails? usage = null;
        await using var updates = base.GetStreamingResponseAsync(list, ForPermit(options, permit), cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception exception)
            {
                permit.OnFault(exception);
                throw;
            }

            foreach (var content in updates.Current.Contents)
            {
                if (content is UsageContent { Details: { } details })
                {
                    (usage ??= new UsageDetails()).Add(details);
                }
            }

            yield return updates.Current;
        }

        permit.Square(usage);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _owned?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static ChatOptions? ForPermit(ChatOptions? options, RateLimitPermit permit)
    {
        if (permit.Listener is null && permit.FallbackModel is null)
        {
            return options;
        }

        // A copy: the caller's options are never changed. The resilience stage below reports each failed attempt here.
        var copy = options?.Clone() ?? new ChatOptions();
        if (permit.FallbackModel is { } fallback)
        {
            copy.ModelId = fallback;
        }

        if (permit.Listener is { } listener)
        {
            (copy.AdditionalProperties ??= [])[RateLimitConstants.FaultListenerProperty] = listener;
        }

        return copy;
    }

    private static IReadOnlyList<ChatMessage> AsList(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);

        // Counted, then sent: a one-shot sequence is read once, up front. Lists and arrays pass as they are.
        return messages as IReadOnlyList<ChatMessage> ?? [.. messages];
    }
}

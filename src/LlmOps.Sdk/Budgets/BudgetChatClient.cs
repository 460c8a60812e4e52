using System.Runtime.CompilerServices;
using LlmOps.Sdk.Pipeline;

namespace LlmOps.Sdk.Budgets;

/// <summary>Refuses, or sends to a cheaper model, a call whose estimated cost would take a spend budget past its limit.</summary>
/// <remarks>
/// <para>
/// Before the call, its cost is estimated (input tokens from the <see cref="ITokenCounter"/>, plus the call's maximum
/// output tokens, priced from the telemetry price table) and reserved against every budget it falls in; after it, the
/// reservation is replaced by the real cost from the response's usage, or given back when the call fails. A call that
/// would overspend throws <see cref="BudgetExceededException"/> before anything is sent, unless the budget's fallback
/// model fits. A streamed call settles when its stream ends.
/// </para>
/// <para>Thread-safe. Budgets configured with <c>AddBudget</c> share their counters across every client the pipeline builds.</para>
/// </remarks>
public sealed class BudgetChatClient : DelegatingChatClient
{
    private readonly BudgetGuard _guard;
    private readonly string? _defaultModel;

    internal BudgetChatClient(IChatClient innerClient, BudgetGuard guard)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        _guard = guard;
        _defaultModel = innerClient.GetService<ChatClientMetadata>()?.DefaultModelId;
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = AsList(messages);
        var admission = await _guard.AdmitAsync(list, options, _defaultModel, cancellationToken);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(list, admission.Options, cancellationToken);
        }
        catch
        {
            await _guard.ReleaseAsync(admission);
            throw;
        }

        await _guard.SettleAsync(admission, response.ModelId, response.Usage);
        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Admit before the first chunk, so that a refused call fails as a whole and not in the middle of a stream.
        var list = AsList(messages);
        var admission = await _guard.AdmitAsync(list, options, _defaultModel, cancellationToken);
        UsageDetails? usage = null;
        string? model = null;
        var settled = false;
        await using var updates = base.GetStreamingResponseAsync(list, admission.Options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }

                    update = updates.Current;
                }
                catch
                {
                    settled = true;
                    await _guard.ReleaseAsync(admission);
                    throw;
                }

                model ??= update.ModelId;
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent { Details: { } details })
                    {
                        (usage ??= new UsageDetails()).Add(details);
                    }
                }

                yield return update;
            }

            settled = true;
            await _guard.SettleAsync(admission, model, usage);
        }
        finally
        {
            if (!settled)
            {
                // The caller stopped reading: what the provider charged is unknown, so the reservation stands as the cost.
                await _guard.SettleAsync(admission, model, usage: null);
            }
        }
    }

    private static IReadOnlyList<ChatMessage> AsList(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);

        // Counted, then sent: a one-shot sequence is read once, up front. Lists and arrays pass as they are.
        return messages as IReadOnlyList<ChatMessage> ?? [.. messages];
    }
}

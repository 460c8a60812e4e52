using Polly;

namespace LlmOps.Sdk.Resilience;

/// <summary>A stream whose first update has arrived, with the token source it lives under.</summary>
/// <param name="Updates">The provider's stream, positioned on its first update when <paramref name="HasFirst"/> is set.</param>
/// <param name="Cancellation">Cancels the stream when the caller does; disposed with the stream.</param>
/// <param name="HasFirst">Whether the stream had an update at all.</param>
internal readonly record struct StartedStream(
    IAsyncEnumerator<ChatResponseUpdate> Updates, CancellationTokenSource Cancellation, bool HasFirst)
{
    /// <summary>Opens the provider's stream and waits for its first update, as one attempt of the pipeline.</summary>
    public static async ValueTask<StartedStream> OpenAsync(
        IChatClient innerClient,
        IEnumerable<ChatMessage> messages,
        ChatOptions? options,
        ResilienceContext context,
        ResilienceTelemetry telemetry,
        long callStartedAt,
        CancellationToken callerToken)
    {
        AttemptLog.BeginAttempt(context);

        // The stream outlives this attempt, but Polly's attempt token does not: Polly reuses its token sources once the
        // attempt is over. So the stream gets a token of its own, tied to the caller's for its whole life and to the
        // attempt's only until the first update has arrived.
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            bool hasFirst;
            using (context.CancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), cancellation))
            {
                updates = innerClient.GetStreamingResponseAsync(messages, options, cancellation.Token)
                    .GetAsyncEnumerator(cancellation.Token);
                hasFirst = await updates.MoveNextAsync();
            }

            context.CancellationToken.ThrowIfCancellationRequested(); // a timeout that fired with the first update still counts
            return new StartedStream(updates, cancellation, hasFirst);
        }
        catch (Exception exception)
        {
            AttemptLog.AttemptFailed(context, telemetry, exception, callStartedAt, callerToken);
            RateLimits.ProviderFaultListener.Notify(options, exception); // a 429 retried away still teaches the rate limiter above
            if (updates is not null)
            {
                await DisposeQuietlyAsync(updates);
            }

            cancellation.Dispose();
            throw;
        }
    }

    public static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<ChatResponseUpdate> updates)
    {
        try
        {
            await updates.DisposeAsync();
        }
#pragma warning disable CA1031 // the attempt's own failure is what matters; a failing cleanup of a dead stream must not hide it
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

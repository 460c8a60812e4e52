using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;

namespace LlmOps.Sdk.Resilience;

/// <summary>Retries transient provider faults, bounds attempts and calls in time, breaks the circuit and falls back.</summary>
/// <remarks>
/// <para>
/// Runs each call through a Polly v8 pipeline: total timeout, retry with exponential backoff and jitter (or the wait the
/// provider asked for in <c>Retry-After</c>), circuit breaker, attempt timeout. When retries are exhausted or the circuit
/// is open, the fallback client answers, if there is one. The caller's own cancellation is never retried.
/// </para>
/// <para>
/// A streaming call is retried only until its first update has reached the caller; after that, a failure surfaces as it
/// is, because the caller has already seen part of the answer. The timeouts, likewise, bound the time to the first update.
/// </para>
/// <para>
/// Each attempt that reached the provider is an event on the call's span (<c>llmops.resilience.attempt</c>: number,
/// status, reason, delay), the span gets <c>llmops.retry.attempts</c>, and retries are counted in <c>llmops.client.retries</c>.
/// Thread-safe; the circuit is shared by all calls through this stage.
/// </para>
/// </remarks>
public sealed class ResilienceChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;
    private readonly IChatClient? _fallbackClient;
    private readonly ResilienceTelemetry _telemetry;
    private readonly bool _retries;

    /// <summary>Initializes a new instance of the <see cref="ResilienceChatClient"/> class with its own pipeline.</summary>
    /// <param name="innerClient">The provider client whose calls are retried.</param>
    /// <param name="options">The settings; the defaults when <see langword="null"/>.</param>
    /// <param name="fallbackClient">Answers when retries are exhausted or the circuit is open; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for delays and timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public ResilienceChatClient(
        IChatClient innerClient, ResilienceOptions? options = null, IChatClient? fallbackClient = null, TimeProvider? timeProvider = null)
        : this(innerClient, Validated(options), pipeline: null, fallbackClient, timeProvider ?? TimeProvider.System, NullLogger.Instance, meterFactory: null)
    {
    }

    internal ResilienceChatClient(
        IChatClient innerClient,
        ResilienceOptions options,
        ResiliencePipeline? pipeline,
        IChatClient? fallbackClient,
        TimeProvider timeProvider,
        ILogger logger,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory)
        : base(innerClient)
    {
        _pipeline = pipeline ?? ResiliencePipelineFactory.Create(options, timeProvider);
        _fallbackClient = fallbackClient;
        _retries = options.MaxRetryAttempts > 0;
        _telemetry = new ResilienceTelemetry(
            logger, meterFactory, timeProvider, new TransientFaultClassifier(options.IsTransient, timeProvider));
    }

    /// <summary>Gets the pipeline every call runs through.</summary>
    internal ResiliencePipeline Pipeline => _pipeline;

    /// <summary>Gets the name of the resilience pipeline <c>AddLlmOps</c> registers for a chat client.</summary>
    /// <remarks>
    /// Resolve it with <c>ResiliencePipelineProvider&lt;string&gt;</c> once the chat client has been resolved, or replace it
    /// with your own by calling Polly's <c>AddResiliencePipeline</c> with this name, before or after <c>AddLlmOps</c>.
    /// </remarks>
    /// <param name="serviceKey">The key the chat client was registered with, or <see langword="null"/> for the unkeyed one.</param>
    /// <returns><c>LlmOps.Sdk.Chat</c>, or <c>LlmOps.Sdk.Chat:{serviceKey}</c> for a keyed client.</returns>
    public static string GetPipelineName(object? serviceKey = null) =>
        serviceKey is null ? ResilienceConstants.PipelineName : $"{ResilienceConstants.PipelineName}:{serviceKey}";

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        messages = ReplayableMessages(messages);
        var context = ResilienceContextPool.Shared.Get(ResilienceConstants.OperationKey, continueOnCapturedContext: true, cancellationToken);
        try
        {
            AttemptLog.StartCall(context, _telemetry);
            try
            {
                var response = await _pipeline.ExecuteAsync(
                    static (attemptContext, call) => call.Stage.AttemptAsync(attemptContext, call),
                    context,
                    new Call(this, messages, options, cancellationToken));
                AttemptLog.FinishCall(context, exception: null);
                return response;
            }
            catch (Exception exception) when (ShouldFallBack(context, exception, cancellationToken))
            {
                // ShouldFallBack has recorded the failure and found a fallback client.
                return await _fallbackClient!.GetResponseAsync(messages, options, cancellationToken);
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        messages = ReplayableMessages(messages);
        StreamStart start = default;
        var fallBack = false;
        var context = ResilienceContextPool.Shared.Get(ResilienceConstants.StreamingOperationKey, continueOnCapturedContext: true, cancellationToken);
        try
        {
            AttemptLog.StartCall(context, _telemetry);
            start = await _pipeline.ExecuteAsync(
                static (attemptContext, call) => call.Stage.OpenStreamAsync(attemptContext, call),
                context,
                new Call(this, messages, options, cancellationToken));
            AttemptLog.FinishCall(context, exception: null);
        }
        catch (Exception exception) when (ShouldFallBack(context, exception, cancellationToken))
        {
            fallBack = true;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (fallBack)
        {
            await foreach (var update in _fallbackClient!.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        // From here on the caller sees the answer, so nothing is retried: a failure surfaces as it is.
        using var cancellation = start.Cancellation;
        await using var updates = start.Updates;
        if (!start.HasFirst)
        {
            yield break;
        }

        yield return updates.Current;
        while (await updates.MoveNextAsync())
        {
            yield return updates.Current;
        }
    }

    private static ResilienceOptions Validated(ResilienceOptions? options)
    {
        if (options is null)
        {
            return new ResilienceOptions();
        }

        ResilienceOptionsValidator.ThrowIfInvalid(options);
        return options;
    }

    private IEnumerable<ChatMessage> ReplayableMessages(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);

        // A retry sends the messages again: a one-shot sequence must be read once, up front. Lists and arrays pass as they are.
        return !_retries || messages is IReadOnlyCollection<ChatMessage> or ICollection<ChatMessage> ? messages : [.. messages];
    }

    private async ValueTask<ChatResponse> AttemptAsync(ResilienceContext context, Call call)
    {
        AttemptLog.BeginAttempt(context);
        try
        {
            return await InnerClient.GetResponseAsync(call.Messages, call.Options, context.CancellationToken);
        }
        catch (Exception exception)
        {
            AttemptLog.AttemptFailed(context, _telemetry, exception, call.CallerToken);
            throw;
        }
    }

    private async ValueTask<StreamStart> OpenStreamAsync(ResilienceContext context, Call call)
    {
        AttemptLog.BeginAttempt(context);

        // The stream outlives this attempt, but Polly's attempt token does not: Polly reuses its token sources once the
        // attempt is over. So the stream gets a token of its own, tied to the caller's for its whole life and to the
        // attempt's only until the first update has arrived.
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken);
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            bool hasFirst;
            using (context.CancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), cancellation))
            {
                updates = InnerClient.GetStreamingResponseAsync(call.Messages, call.Options, cancellation.Token)
                    .GetAsyncEnumerator(cancellation.Token);
                hasFirst = await updates.MoveNextAsync();
            }

            context.CancellationToken.ThrowIfCancellationRequested(); // a timeout that fired with the first update still counts
            return new StreamStart(updates, cancellation, hasFirst);
        }
        catch (Exception exception)
        {
            AttemptLog.AttemptFailed(context, _telemetry, exception, call.CallerToken);
            if (updates is not null)
            {
                await DisposeQuietlyAsync(updates);
            }

            cancellation.Dispose();
            throw;
        }
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<ChatResponseUpdate> updates)
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

    /// <summary>Records how the call ended and tells whether the fallback client should answer it.</summary>
    private bool ShouldFallBack(ResilienceContext context, Exception exception, CancellationToken cancellationToken)
    {
        var attempts = AttemptLog.FinishCall(context, exception);
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var fault = _telemetry.Classifier.Classify(exception);
        var exhausted = fault.IsTransient || exception is BrokenCircuitException;
        if (!exhausted)
        {
            return false;
        }

        if (_fallbackClient is null)
        {
            ResilienceLog.GaveUp(_telemetry.Logger, fault.Reason, attempts);
            return false;
        }

        ResilienceLog.FallingBack(_telemetry.Logger, fault.Reason, attempts);
        _telemetry.Fallbacks.Add(1, new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.FallbackReason, fault.Reason));
        if (LlmOps.Sdk.Telemetry.LlmOpsActivity.Current is { } activity)
        {
            activity.AddEvent(new System.Diagnostics.ActivityEvent(
                LlmOpsTelemetry.Events.ResilienceFallback,
                _telemetry.TimeProvider.GetUtcNow(),
                new System.Diagnostics.ActivityTagsCollection
                {
                    [LlmOpsTelemetry.Attributes.FallbackReason] = fault.Reason,
                    [LlmOpsTelemetry.Attributes.ErrorType] = exception.GetType().FullName,
                }));
        }

        return true;
    }

    /// <summary>What every attempt of one call needs, passed by value so that the happy path allocates no closure.</summary>
    private readonly record struct Call(
        ResilienceChatClient Stage, IEnumerable<ChatMessage> Messages, ChatOptions? Options, CancellationToken CallerToken);

    /// <summary>A stream whose first update has arrived, with the token source it lives under.</summary>
    private readonly record struct StreamStart(
        IAsyncEnumerator<ChatResponseUpdate> Updates, CancellationTokenSource Cancellation, bool HasFirst);
}

using System.Runtime.CompilerServices;
using LlmOps.Sdk.Pipeline;
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
/// is open, the fallback client answers, if there is one. The caller's own cancellation is never retried. When the
/// pipeline holds retries alone (no timeout, no breaker), which do nothing to an attempt that succeeds, the first
/// attempt goes straight to the provider and enters the pipeline only if it fails, as the pipeline's first outcome.
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
/// <para>
/// A call it gives up on, with no fallback client, throws <see cref="RetriesExhaustedException"/> (every attempt failed
/// with a transient fault) or <see cref="CircuitOpenException"/> (the circuit breaker stopped it), both
/// <see cref="ResilienceException"/>s with the provider's last error inside. An error no retry fixes (HTTP 400, 401, an
/// exhausted quota) surfaces as the provider raised it, and the caller's cancellation as an
/// <see cref="OperationCanceledException"/>.
/// </para>
/// </remarks>
public sealed class ResilienceChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;
    private readonly IChatClient? _fallbackClient;
    private readonly ResilienceTelemetry _telemetry;
    private readonly bool _resends;
    private readonly bool _firstAttemptDirect;
    private readonly TimeSpan? _totalTimeout;

    /// <summary>Initializes a new instance of the <see cref="ResilienceChatClient"/> class with its own pipeline.</summary>
    /// <param name="innerClient">The provider client whose calls are retried.</param>
    /// <param name="options">The settings; the defaults when <see langword="null"/>.</param>
    /// <param name="fallbackClient">Answers when retries are exhausted or the circuit is open; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for delays and timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="innerClient"/> invokes functions (a
    /// <see cref="FunctionInvokingChatClient"/>): a retry would run tools again. Put this stage under it instead.</exception>
    public ResilienceChatClient(
        IChatClient innerClient, ResilienceOptions? options = null, IChatClient? fallbackClient = null, TimeProvider? timeProvider = null)
        : this(
            innerClient, Validated(options), pipeline: null, pipelineFromOptions: true, fallbackClient, timeProvider ?? TimeProvider.System,
            NullLogger.Instance, meterFactory: null)
    {
    }

    internal ResilienceChatClient(
        IChatClient innerClient,
        ResilienceOptions options,
        ResiliencePipeline? pipeline,
        bool pipelineFromOptions,
        IChatClient? fallbackClient,
        TimeProvider timeProvider,
        ILogger logger,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        ToolLoopGuard.ThrowIfRunsTools(innerClient);
        _pipeline = pipeline ?? ResiliencePipelineFactory.Create(options, timeProvider);

        // The fallback is a provider too: it gets each call without our own entries, as the provider does.
        _fallbackClient = fallbackClient is null ? null : ProviderBoundaryChatClient.Below(fallbackClient);
        _resends = options.MaxRetryAttempts > 0 || fallbackClient is not null;

        // A pipeline of retries alone does nothing to an attempt before it fails, so the first attempt can go straight to
        // the provider and enter the pipeline only on failure. Timeouts and the breaker must see every attempt, and a
        // pipeline the user reshaped is unknown to us: those always run the whole pipeline.
        _firstAttemptDirect = pipelineFromOptions && ResiliencePipelineFactory.IsRetryOnly(options);
        _totalTimeout = options.TotalTimeout;
        _telemetry = new ResilienceTelemetry(
            logger, meterFactory, timeProvider, new TransientFaultClassifier(options.IsTransient, timeProvider));
    }

    /// <summary>Gets or sets whether <c>AddLlmOps</c> put this stage at the end of the registered client's builder.</summary>
    /// <remarks>A stage the user wrote in that builder replaces it, so that a model request is not retried by two stages.</remarks>
    internal bool AddedByLlmOps { get; init; }

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
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        messages = ReplayableMessages(messages);
        if (!_firstAttemptDirect)
        {
            return ExecuteAsync(messages, options, firstFailure: null, cancellationToken);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ChatResponse>(cancellationToken); // as the pipeline would: the provider is not called
        }

        Task<ChatResponse> first;
        try
        {
            first = InnerClient.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception exception)
        {
            first = Task.FromException<ChatResponse>(exception);
        }

        if (first.IsCompletedSuccessfully)
        {
            AttemptLog.FirstAttemptSucceeded(_telemetry);
            return first; // the provider's own task: a call that succeeds first time costs no allocation here
        }

        return AwaitFirstAttemptAsync(first, messages, options, cancellationToken);
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        messages = ReplayableMessages(messages);
        return _firstAttemptDirect
            ? new FirstAttemptStream(this, messages, options, cancellationToken)
            : StreamAsync(messages, options, firstFailure: null, cancellationToken);
    }

    /// <summary>Runs a streaming call through the pipeline, starting with the failure of a first attempt made outside it, if any.</summary>
    internal async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, Exception? firstFailure,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StartedStream start = default;
        var fallBack = false;
        var context = ResilienceContextPool.Shared.Get(ResilienceConstants.StreamingOperationKey, continueOnCapturedContext: true, cancellationToken);
        var startedAt = StartedAt();
        try
        {
            AttemptLog.StartCall(context, _telemetry, startedAt);
            start = await _pipeline.ExecuteAsync(
                static (attemptContext, call) => call.TakeFirstFailure() is { } failure
                    ? call.Stage.ReplayFailure<StartedStream>(attemptContext, failure, call)
                    : StartedStream.OpenAsync(
                        call.Stage.InnerClient, call.Messages, call.Options, attemptContext, call.Stage._telemetry, call.StartedAt,
                        call.CallerToken),
                context,
                new Call(this, messages, options, FirstFailure.From(firstFailure), startedAt, cancellationToken));
            AttemptLog.FinishCall(context, exception: null);
        }
        catch (Exception exception)
        {
            var ending = Settle(context, exception, cancellationToken);
            if (ending.Replacement is { } giveUp)
            {
                throw giveUp;
            }

            if (!ending.FallBack)
            {
                throw;
            }

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

    /// <summary>Gets the provider the stage retries.</summary>
    internal IChatClient Provider => InnerClient;

    /// <summary>Gets what the stage reports through.</summary>
    internal ResilienceTelemetry Telemetry => _telemetry;

    private async Task<ChatResponse> AwaitFirstAttemptAsync(
        Task<ChatResponse> first, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        Exception failure;
        try
        {
            var response = await first;
            AttemptLog.FirstAttemptSucceeded(_telemetry);
            return response;
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        return await ExecuteAsync(messages, options, failure, cancellationToken);
    }

    private async Task<ChatResponse> ExecuteAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, Exception? firstFailure, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(ResilienceConstants.OperationKey, continueOnCapturedContext: true, cancellationToken);
        var startedAt = StartedAt();
        try
        {
            AttemptLog.StartCall(context, _telemetry, startedAt);
            try
            {
                var response = await _pipeline.ExecuteAsync(
                    static (attemptContext, call) => call.TakeFirstFailure() is { } failure
                        ? call.Stage.ReplayFailure<ChatResponse>(attemptContext, failure, call)
                        : call.Stage.AttemptAsync(attemptContext, call),
                    context,
                    new Call(this, messages, options, FirstFailure.From(firstFailure), startedAt, cancellationToken));
                AttemptLog.FinishCall(context, exception: null);
                return response;
            }
            catch (Exception exception)
            {
                var ending = Settle(context, exception, cancellationToken);
                if (ending.Replacement is { } giveUp)
                {
                    throw giveUp;
                }

                if (!ending.FallBack)
                {
                    throw;
                }

                return await _fallbackClient!.GetResponseAsync(messages, options, cancellationToken);
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Hands the pipeline the failure of the first attempt, made outside it, as its own first outcome: the retry strategy
    /// then decides, waits and counts exactly as if it had made that attempt itself.
    /// </summary>
    private ValueTask<T> ReplayFailure<T>(ResilienceContext context, Exception failure, Call call)
    {
        AttemptLog.BeginAttempt(context);
        AttemptLog.AttemptFailed(context, _telemetry, failure, call.StartedAt, call.CallerToken);
        RateLimits.ProviderFaultListener.Notify(call.Options, failure); // a 429 retried away still teaches the rate limiter above
        return ValueTask.FromException<T>(failure);
    }

    /// <summary>Returns when the call started, when a total timeout needs it, else 0: reading the clock is not free.</summary>
    /// <remarks>The retry strategy compares a provider's requested wait with what is left of the total timeout.</remarks>
    private long StartedAt() => _totalTimeout is null ? 0 : _telemetry.TimeProvider.GetTimestamp();

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

        // A retry or the fallback sends the messages again: a one-shot sequence must be read once, up front. Lists and
        // arrays pass as they are.
        return !_resends || messages is IReadOnlyCollection<ChatMessage> or ICollection<ChatMessage> ? messages : [.. messages];
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
            AttemptLog.AttemptFailed(context, _telemetry, exception, call.StartedAt, call.CallerToken);
            RateLimits.ProviderFaultListener.Notify(call.Options, exception);
            throw;
        }
    }

    /// <summary>Records how the call failed, and decides what the caller gets: the fallback's answer, our exception, or the error as it is.</summary>
    private CallEnding Settle(ResilienceContext context, Exception exception, CancellationToken cancellationToken)
    {
        var lastFailure = AttemptLog.TryGet(context, out var log) ? log.LastFailure : null;
        var attempts = AttemptLog.FinishCall(context, exception);
        if (cancellationToken.IsCancellationRequested)
        {
            return default; // the caller gave up: their cancellation surfaces as it is, and nobody waits for a fallback
        }

        var fault = _telemetry.Classifier.Classify(exception);
        var circuitOpen = exception is BrokenCircuitException;
        if (!fault.IsTransient && !circuitOpen)
        {
            return default; // the request itself is wrong: another attempt or client would fail it too
        }

        if (context.Properties.TryGetValue(ResiliencePipelineFactory.WaitBeyondBudget, out var wait))
        {
            ResilienceLog.WaitBeyondBudget(_telemetry.Logger, wait.TotalMilliseconds, _totalTimeout.GetValueOrDefault().TotalMilliseconds);
        }

        if (_telemetry.RecordExhausted(fault.Reason, attempts, exception, fallingBack: _fallbackClient is not null))
        {
            return new CallEnding(FallBack: true, Replacement: null);
        }

        // Our own types, so that callers catch an unavailable provider without knowing Polly; the provider's error inside.
        return new CallEnding(
            FallBack: false,
            circuitOpen
                ? CircuitOpenException.Create(attempts, lastFailure ?? exception.InnerException ?? exception)
                : RetriesExhaustedException.Create(attempts, fault.Reason, exception));
    }

    /// <summary>How a failed call ends: the fallback answers, our exception replaces the error, or (neither) the error surfaces.</summary>
    private readonly record struct CallEnding(bool FallBack, Exception? Replacement);

    /// <summary>What every attempt of one call needs, passed by value so that the happy path allocates no closure.</summary>
    private readonly record struct Call(
        ResilienceChatClient Stage, IEnumerable<ChatMessage> Messages, ChatOptions? Options, FirstFailure? FirstFailure,
        long StartedAt, CancellationToken CallerToken)
    {
        /// <summary>Returns the failure to replay as the pipeline's first attempt, once; then <see langword="null"/>.</summary>
        public Exception? TakeFirstFailure() => FirstFailure?.Take();
    }
}

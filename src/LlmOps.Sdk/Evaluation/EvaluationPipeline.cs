using System.Diagnostics;
using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Samples, runs and publishes the evaluators of one pipeline; the logic behind <see cref="EvaluationChatClient"/>.</summary>
/// <remarks>Thread-safe. Nothing here throws into the user's call: every failure becomes an error score, a log line or a count.</remarks>
internal sealed partial class EvaluationPipeline : IAsyncDisposable
{
    private static readonly ActivitySource Source = new(LlmOpsTelemetry.SourceName);

    [ThreadStatic]
    private static CancellationTokenSource? _spareCancellation;

    private readonly EvaluationHook[] _hooks;
    private readonly IEvaluationSink[] _sinks;
    private readonly EvaluationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;
    private readonly EvaluationQueue? _queue;
    private readonly bool _ownsQueue;
    private readonly CostEstimator? _costEstimator;
    private readonly bool _anyBackground;
    private int _disposed;

    public EvaluationPipeline(
        IReadOnlyList<EvaluationHook> hooks,
        IReadOnlyList<IEvaluationSink> sinks,
        EvaluationMetrics metrics,
        ILogger logger,
        TimeProvider timeProvider,
        Func<double>? random = null,
        EvaluationQueue? queue = null,
        bool ownsQueue = false,
        CostEstimator? costEstimator = null)
    {
        if (hooks.Count > EvaluationConstants.MaxEvaluators)
        {
            throw new ArgumentException(
                $"The evaluation stage supports at most {EvaluationConstants.MaxEvaluators} evaluators; {hooks.Count} are configured. " +
                "Combine evaluators or split them across pipelines.", nameof(hooks));
        }

        _hooks = [.. hooks];
        _sinks = [.. sinks];
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
        _random = random ?? Random.Shared.NextDouble;
        _queue = queue;
        _ownsQueue = ownsQueue;
        _costEstimator = costEstimator;
        _anyBackground = _hooks.Any(hook => hook.Mode == EvaluationMode.Background);
        foreach (var hook in _hooks)
        {
            if (hook.Mode == EvaluationMode.Background && queue is null)
            {
                throw new ArgumentException(
                    $"Evaluator '{hook.Name}' runs in the background, but the stage was given no queue.", nameof(queue));
            }
        }
    }

    /// <summary>Gets the queue background evaluators run on, or <see langword="null"/> when every evaluator is inline.</summary>
    public EvaluationQueue? Queue => _queue;

    /// <summary>Decides, once per call, which evaluators score it: bit <c>i</c> is set when hook <c>i</c> is sampled.</summary>
    public ulong Sample()
    {
        if (!HasAudience)
        {
            return 0;
        }

        var sampled = 0UL;
        for (var i = 0; i < _hooks.Length; i++)
        {
            var rate = _hooks[i].SamplingRate;
            if (rate >= 1.0 || (rate > 0.0 && _random() < rate))
            {
                sampled |= 1UL << i;
            }
        }

        return sampled;
    }

    /// <summary>
    /// Gets whether a score would reach anyone: a sink, the score histogram, the call's recorded span, or (for
    /// background evaluators) a listener to their spans. With none, no evaluator runs: its work would be seen by nobody,
    /// and an LLM judge would be paid for nothing.
    /// </summary>
    private bool HasAudience =>
        _sinks.Length > 0 || _metrics.Score.Enabled || LlmOpsActivity.Current is not null || (_anyBackground && Source.HasListeners());

    /// <summary>Notes what must be captured when the call starts: the clock and the call's span.</summary>
    public CallStart Start() => new(_timeProvider.GetTimestamp(), Activity.Current?.Context ?? default);

    /// <summary>Tells whether a sampled evaluator runs in the background, after the call has returned.</summary>
    public bool RunsInBackground(ulong sampled)
    {
        for (var i = 0; i < _hooks.Length; i++)
        {
            if ((sampled & (1UL << i)) != 0 && _hooks[i].Mode == EvaluationMode.Background)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs the sampled inline evaluators and queues the sampled background ones; never throws.</summary>
    public async Task EvaluateAsync(
        CallStart start, IReadOnlyList<ChatMessage> messages, ChatOptions? options, ChatResponse response, ulong sampled,
        bool streaming, CancellationToken cancellationToken)
    {
        // One clock read serves the call's latency and the first evaluator's start: they are the same moment.
        var inlineStarted = _timeProvider.GetTimestamp();
        var context = CreateContext(start, inlineStarted, messages, options, response, streaming);
        var inlineBudget = TimeSpan.Zero;

        // Inline evaluators all start before any is awaited, so that slow ones (an LLM judge) run side by side. Most finish
        // at once: then nothing here allocates beyond their records.
        ValueTask<EvaluationRecord> first = default;
        List<ValueTask<EvaluationRecord>>? others = null;
        var inlineCount = 0;
        for (var i = 0; i < _hooks.Length; i++)
        {
            if ((sampled & (1UL << i)) != 0 && _hooks[i].Mode == EvaluationMode.Inline)
            {
                var run = RunAsync(
                    _hooks[i], context, start.Parent, inlineCount == 0 ? inlineStarted : _timeProvider.GetTimestamp(), cancellationToken);
                if (inlineCount++ == 0)
                {
                    first = run;
                }
                else
                {
                    (others ??= []).Add(run);
                }

                inlineBudget = TimeSpan.FromTicks(Math.Max(inlineBudget.Ticks, _hooks[i].Timeout.Ticks));
            }
        }

        if (inlineCount > 0)
        {
            // Each run is bounded by its own timeout and never throws, so these awaits are bounded by the longest timeout.
            var activity = LlmOpsActivity.Current;
            var writes = PublishInline(await first, activity, writes: null, cancellationToken);
            for (var i = 0; others is not null && i < others.Count; i++)
            {
                writes = PublishInline(await others[i], activity, writes, cancellationToken);
            }

            if (writes is not null)
            {
                await WaitForSinksAsync(writes, inlineBudget - _timeProvider.GetElapsedTime(inlineStarted), cancellationToken);
            }
        }

        for (var i = 0; i < _hooks.Length; i++)
        {
            if ((sampled & (1UL << i)) != 0 && _hooks[i].Mode == EvaluationMode.Background)
            {
                await _queue!.EnqueueAsync(new EvaluationWorkItem(this, _hooks[i], context, start.Parent), cancellationToken); // checked in the constructor
            }
        }
    }

    /// <summary>Runs one queued evaluation on a worker, as a child span of the call's span; never throws.</summary>
    /// <remarks>Its record is published only when <paramref name="slot"/> is still the worker's: a drain that timed out drops it instead.</remarks>
    public async Task RunBackgroundAsync(EvaluationWorkItem item, WorkerSlot slot, CancellationToken stoppingToken)
    {
        using var activity = Source.HasListeners()
            ? Source.StartActivity(LlmOpsTelemetry.Spans.EvaluationPrefix + item.Hook.Name, ActivityKind.Internal, item.Parent)
            : null;
        var recorded = activity is { IsAllDataRequested: true } ? activity : null;
        recorded?.SetTag(LlmOpsTelemetry.Attributes.EvaluationEvaluator, item.Hook.Name)
            .SetTag(LlmOpsTelemetry.Attributes.EvaluationMode, "background");
        var record = await RunAsync(item.Hook, item.Context, item.Parent, _timeProvider.GetTimestamp(), stoppingToken);
        if (!slot.TryPublish())
        {
            // The drain timed out while it ran and counted it as dropped: its record, a "canceled" error, would count it twice.
            recorded?.SetTag(LlmOpsTelemetry.Attributes.EvaluationDropReason, EvaluationConstants.DropReasonShutdown)
                .SetStatus(ActivityStatusCode.Error);
            return;
        }

        if (recorded is not null && HasError(record))
        {
            recorded.SetStatus(ActivityStatusCode.Error);
        }

        Publish(record, recorded);
        await WriteToSinksAsync(record, stoppingToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_ownsQueue && _queue is not null)
        {
            await _queue.DisposeAsync();
        }

        _metrics.Dispose();
    }

    private static bool HasError(EvaluationRecord record)
    {
        foreach (var score in record.Scores)
        {
            if (score.ErrorType is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs one evaluator within its timeout; never throws.</summary>
    /// <remarks>
    /// The evaluator's token is cancelled by the caller or by the timeout. The timeout's timer is started only when the
    /// evaluator has not finished at once, for what is left of its time: a synchronous evaluator costs no timer.
    /// </remarks>
    private ValueTask<EvaluationRecord> RunAsync(
        EvaluationHook hook, ChatEvaluationContext context, ActivityContext parent, long started, CancellationToken cancellationToken)
    {
        var cancellation = RentCancellation();
        var callerRegistration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), cancellation)
            : default;
        ValueTask<IReadOnlyList<EvaluationScore>> evaluation;
        try
        {
            evaluation = hook.Evaluator.EvaluateAsync(context, cancellation.Token);
        }
#pragma warning disable CA1031 // an evaluator is user code: what it throws is classified and scored by AwaitEvaluatorAsync
        catch (Exception exception)
#pragma warning restore CA1031
        {
            evaluation = ValueTask.FromException<IReadOnlyList<EvaluationScore>>(exception);
        }

        if (evaluation.IsCompletedSuccessfully)
        {
            callerRegistration.Dispose();
            ReturnCancellation(cancellation);
            return new ValueTask<EvaluationRecord>(CreateRecord(hook, context, parent, evaluation.Result ?? [], started));
        }

        return AwaitEvaluatorAsync(hook, context, parent, evaluation, cancellation, callerRegistration, started, cancellationToken);
    }

    /// <summary>Takes the thread's spare token source, or a new one.</summary>
    /// <remarks>
    /// An evaluator that finished at once is done with its token, so its source is reset and kept for the thread's next
    /// evaluation, as Polly pools its own: a synchronous evaluator then costs no token source. One whose evaluator is
    /// still pending is never reused.
    /// </remarks>
    private static CancellationTokenSource RentCancellation()
    {
        var spare = _spareCancellation;
        _spareCancellation = null;
        return spare ?? new CancellationTokenSource();
    }

    private static void ReturnCancellation(CancellationTokenSource cancellation)
    {
        if (cancellation.TryReset())
        {
            _spareCancellation = cancellation;
        }
        else
        {
            cancellation.Dispose();
        }
    }

    private async ValueTask<EvaluationRecord> AwaitEvaluatorAsync(
        EvaluationHook hook,
        ChatEvaluationContext context,
        ActivityContext parent,
        ValueTask<IReadOnlyList<EvaluationScore>> evaluation,
        CancellationTokenSource cancellation,
        CancellationTokenRegistration callerRegistration,
        long started,
        CancellationToken cancellationToken)
    {
        using var ownedCancellation = cancellation;
        using var ownedRegistration = callerRegistration;
        var remaining = hook.Timeout - _timeProvider.GetElapsedTime(started);
        using var timeout = _timeProvider.CreateTimer(
            EvaluationTimeout.Fire, new EvaluationTimeout(cancellation, _logger, hook.Name),
            remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        IReadOnlyList<EvaluationScore> scores;
        try
        {
            // WaitAsync bounds the wait even when the evaluator ignores its token: the call is never held longer.
            scores = await evaluation.AsTask().WaitAsync(cancellation.Token) ?? [];
        }
        catch (Exception exception) when (exception is TimeoutException ||
                                           (exception is OperationCanceledException && cancellation.IsCancellationRequested &&
                                            !cancellationToken.IsCancellationRequested))
        {
            EvaluationLog.EvaluatorTimedOut(_logger, hook.Name, hook.Timeout);
            scores = [ErrorScore(hook.Name, EvaluationConstants.TimeoutErrorType,
                $"The evaluator did not finish within its timeout of {hook.Timeout}.")];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            EvaluationLog.EvaluatorCanceled(_logger, hook.Name);
            scores = [ErrorScore(hook.Name, EvaluationConstants.CanceledErrorType, "The evaluation was canceled before it finished.")];
        }
#pragma warning disable CA1031 // an evaluator is user code: whatever it throws becomes an error score, never the call's failure
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var errorType = exception.GetType().FullName ?? exception.GetType().Name;
            EvaluationLog.EvaluatorFailed(_logger, hook.Name, errorType, exception);
            scores = [ErrorScore(hook.Name, errorType, $"The evaluator threw {errorType}.")];
        }

        return CreateRecord(hook, context, parent, scores, started);
    }

    private EvaluationRecord CreateRecord(
        EvaluationHook hook, ChatEvaluationContext context, ActivityContext parent, IReadOnlyList<EvaluationScore> scores, long started)
    {
        // The span's ids are text only for the sinks; without sinks they would be formatted for nobody.
        var identifiesSpan = parent != default && _sinks.Length > 0;
        return new EvaluationRecord(hook.Name, hook.Mode, scores)
        {
            Timestamp = _timeProvider.GetUtcNow(),
            Duration = _timeProvider.GetElapsedTime(started),
            ResponseId = context.Response.ResponseId,
            ModelId = context.Response.ModelId,
            PromptName = context.PromptName,
            PromptVersion = context.PromptVersion,
            TraceId = identifiesSpan ? parent.TraceId.ToHexString() : null,
            SpanId = identifiesSpan ? parent.SpanId.ToHexString() : null,
        };
    }

    private static EvaluationScore ErrorScore(string name, string errorType, string explanation) =>
        new(name, explanation: explanation) { ErrorType = errorType };
}

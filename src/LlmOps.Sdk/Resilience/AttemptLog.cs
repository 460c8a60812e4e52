using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;
using LlmOps.Sdk.Telemetry;
using Polly;

namespace LlmOps.Sdk.Resilience;

/// <summary>Records the attempts of one call: an event per attempt on the call's span, the retry metric and log lines.</summary>
/// <remarks>
/// It lives in the call's <see cref="ResilienceContext"/>, so that the pipeline's retry strategy can hand it the delay it
/// chose. It is created up front only when the call's span is recorded, and otherwise on the first failure: a call that
/// succeeds first time with nobody listening allocates nothing here. A failed attempt is written when its fate is known:
/// when the next attempt starts (status <c>retried</c>, with the delay waited) or when the call ends (<c>failed</c>).
/// Attempts of one call run one after another, so it needs no lock.
/// </remarks>
internal sealed class AttemptLog
{
    public const string Succeeded = "ok";
    public const string Retried = "retried";
    public const string Failed = "failed";

    private static readonly ResiliencePropertyKey<AttemptLog> Key = new("LlmOps.Sdk.Resilience.AttemptLog");

    // The event of a first attempt that succeeded is the same on every call. Its tags are shared, and never changed once
    // built: exporters only read an event's tags. Boxed once, so that recording a success allocates only the event.
    private static readonly ActivityTagsCollection FirstAttemptSucceededTags = new()
    {
        [LlmOpsTelemetry.Attributes.AttemptNumber] = 1,
        [LlmOpsTelemetry.Attributes.AttemptStatus] = Succeeded,
    };

    private static readonly object NoRetries = 0;

    private readonly ResilienceTelemetry _telemetry;
    private readonly Activity? _activity;
    private int _attempts;
    private Exception? _pendingException;
    private FaultInfo _pendingFault;
    private long _pendingTimestamp;
    private TimeSpan? _plannedDelay;

    private AttemptLog(ResilienceTelemetry telemetry, Activity? activity, int attempts, long callStartedAt)
    {
        _telemetry = telemetry;
        _activity = activity;
        _attempts = attempts;
        CallStartedAt = callStartedAt;
    }

    /// <summary>Gets when the call started, on the stage's clock, or 0 when nobody needed to know.</summary>
    public long CallStartedAt { get; }

    /// <summary>Gets the error of the call's last failed attempt, if any.</summary>
    public Exception? LastFailure { get; private set; }

    /// <summary>Starts a log for the call when its span is recorded.</summary>
    public static void StartCall(ResilienceContext context, ResilienceTelemetry telemetry, long callStartedAt)
    {
        if (LlmOpsActivity.Current is { } activity)
        {
            context.Properties.Set(Key, new AttemptLog(telemetry, activity, attempts: 0, callStartedAt));
        }
    }

    /// <summary>Finds the log of the call, which exists from its first failure on.</summary>
    public static bool TryGet(ResilienceContext context, [NotNullWhen(true)] out AttemptLog? log) =>
        context.Properties.TryGetValue(Key, out log);

    /// <summary>Records a first attempt that succeeded outside the pipeline: the whole call, one attempt, no retry.</summary>
    public static void FirstAttemptSucceeded(ResilienceTelemetry telemetry)
    {
        if (LlmOpsActivity.Current is { } activity)
        {
            AddFirstAttemptSucceeded(activity, telemetry.TimeProvider);

            // A tool loop makes several model requests under one span: an earlier request may have set the count already.
            if (activity.GetTagItem(LlmOpsTelemetry.Attributes.RetryAttempts) is null)
            {
                activity.AddTag(LlmOpsTelemetry.Attributes.RetryAttempts, NoRetries);
            }
        }
    }

    /// <summary>Notes that an attempt starts, which settles the previous failed one as retried.</summary>
    public static void BeginAttempt(ResilienceContext context)
    {
        if (context.Properties.TryGetValue(Key, out var log))
        {
            log.OnBeginAttempt();
        }
    }

    /// <summary>Notes that the current attempt failed.</summary>
    public static void AttemptFailed(
        ResilienceContext context, ResilienceTelemetry telemetry, Exception exception, long callStartedAt, CancellationToken callerToken)
    {
        if (!context.Properties.TryGetValue(Key, out var log))
        {
            // No span is recorded, and this is the first failure, so it is attempt 1: keep counting for the metric and logs.
            log = new AttemptLog(telemetry, activity: null, attempts: 1, callStartedAt);
            context.Properties.Set(Key, log);
        }

        log.OnFailed(exception, callerToken);
    }

    /// <summary>Hands over the delay the retry strategy chose before the next attempt.</summary>
    public static void RetryScheduled(ResilienceContext context, TimeSpan delay)
    {
        if (context.Properties.TryGetValue(Key, out var log))
        {
            log._plannedDelay = delay;
        }
    }

    /// <summary>Writes the last attempt and the span's retry count, and returns how many attempts the call made.</summary>
    public static int FinishCall(ResilienceContext context, Exception? exception)
    {
        if (!context.Properties.TryGetValue(Key, out var log))
        {
            return exception is null ? 1 : 0;
        }

        if (log._pendingException is { } failure)
        {
            log.Emit(log._attempts, Failed, log._pendingFault, failure, delay: null);
            log._pendingException = null;
        }
        else if (exception is null && log._attempts > 0)
        {
            log.Emit(log._attempts, Succeeded, fault: default, exception: null, delay: null);
        }

        if (log._activity is { } activity)
        {
            // Retries of all the model requests of the call (a tool loop makes several), not of the last one alone.
            var retries = log._attempts > 1 ? log._attempts - 1 : 0;
            if (activity.GetTagItem(LlmOpsTelemetry.Attributes.RetryAttempts) is int earlier)
            {
                retries += earlier;
            }

            activity.SetTag(LlmOpsTelemetry.Attributes.RetryAttempts, retries == 0 ? NoRetries : retries);
        }

        return log._attempts;
    }

    private void OnBeginAttempt()
    {
        if (_pendingException is { } failure)
        {
            var delay = _plannedDelay ?? _telemetry.TimeProvider.GetElapsedTime(_pendingTimestamp);
            var reason = _pendingFault.Reason;
            _telemetry.Retries.Add(1, new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.RetryReason, reason));
            ResilienceLog.Retried(_telemetry.Logger, _attempts, reason, delay.TotalMilliseconds);
            Emit(_attempts, Retried, _pendingFault, failure, delay);
            _pendingException = null;
        }

        _attempts++;
    }

    private void OnFailed(Exception exception, CancellationToken callerToken)
    {
        var fault = _telemetry.Classifier.Classify(exception);
        if (exception is OperationCanceledException && fault.Reason == FaultReasons.Cancelled && !callerToken.IsCancellationRequested)
        {
            // Cancelled by the pipeline, not by the caller: the attempt or total timeout fired.
            fault = new FaultInfo(true, FaultReasons.Timeout, 0, null);
        }

        _pendingException = exception;
        LastFailure = exception;
        _pendingFault = fault;
        _pendingTimestamp = _telemetry.TimeProvider.GetTimestamp();
        _plannedDelay = null;
    }

    private void Emit(int attempt, string status, FaultInfo fault, Exception? exception, TimeSpan? delay)
    {
        if (_activity is null)
        {
            return;
        }

        if (attempt == 1 && status == Succeeded)
        {
            AddFirstAttemptSucceeded(_activity, _telemetry.TimeProvider);
            return;
        }

        var tags = new ActivityTagsCollection
        {
            [LlmOpsTelemetry.Attributes.AttemptNumber] = attempt,
            [LlmOpsTelemetry.Attributes.AttemptStatus] = status,
        };
        if (exception is not null)
        {
            tags[LlmOpsTelemetry.Attributes.AttemptReason] = fault.Reason;
            tags[LlmOpsTelemetry.Attributes.ErrorType] = exception.GetType().FullName;
            if (fault.StatusCode > 0)
            {
                tags[LlmOpsTelemetry.Attributes.HttpResponseStatusCode] = fault.StatusCode;
            }
        }

        if (delay is { } wait)
        {
            tags[LlmOpsTelemetry.Attributes.RetryDelayMilliseconds] = wait.TotalMilliseconds;
        }

        _activity.AddEvent(new ActivityEvent(LlmOpsTelemetry.Events.ResilienceAttempt, _telemetry.TimeProvider.GetUtcNow(), tags));
    }

    private static void AddFirstAttemptSucceeded(Activity activity, TimeProvider timeProvider) =>
        activity.AddEvent(new ActivityEvent(LlmOpsTelemetry.Events.ResilienceAttempt, timeProvider.GetUtcNow(), FirstAttemptSucceededTags));
}

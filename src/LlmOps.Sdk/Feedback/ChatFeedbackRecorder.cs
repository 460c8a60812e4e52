using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using LlmOps.Sdk.Capture;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Sdk.Feedback;

/// <summary>Turns feedback into an evaluation record of the call it is about, and publishes it as evaluation results are.</summary>
/// <remarks>Thread-safe. Sinks that throw are logged and counted; an unknown response is a result, never an exception.</remarks>
internal sealed class ChatFeedbackRecorder : IChatFeedback, IDisposable
{
    private static readonly ActivitySource Source = new(LlmOpsTelemetry.SourceName);

    private readonly FeedbackPipeline _pipeline;
    private readonly IEvaluationSink[] _sinks;
    private readonly EvaluationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public ChatFeedbackRecorder(
        FeedbackPipeline pipeline, IReadOnlyList<IEvaluationSink> sinks, EvaluationMetrics metrics, ILogger logger, TimeProvider timeProvider)
    {
        _pipeline = pipeline;
        _sinks = [.. sinks];
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    public static ChatFeedbackRecorder Create(IServiceProvider services, object? serviceKey)
    {
        var pipeline = KeyedPipeline.GetService<FeedbackPipeline>(services, serviceKey) ?? new FeedbackPipeline(index: null);

        // The same sinks the evaluation stage writes to: those in the options, then those registered for this pipeline.
        List<IEvaluationSink> sinks = [.. KeyedPipeline.GetOptions(services, serviceKey)?.Evaluation.Sinks ?? []];
        foreach (var sink in KeyedPipeline.GetService<IEnumerable<IEvaluationSink>>(services, serviceKey) ?? [])
        {
            // Capture takes feedback directly, with its correction.
            if (!sinks.Contains(sink) && sink is not CaptureEvaluationSink)
            {
                sinks.Add(sink);
            }
        }

        return new ChatFeedbackRecorder(
            pipeline, sinks, new EvaluationMetrics(services.GetService<IMeterFactory>()),
            (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<IChatFeedback>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System);
    }

    public async ValueTask<FeedbackResult> RecordAsync(ChatFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        FeedbackStatus status;
        CallReference call;
        if (_pipeline.Index is { } index && index.TryGetReference(feedback.ResponseId, out call))
        {
            status = FeedbackStatus.Recorded;
        }
        else if (feedback.PromptName is not null)
        {
            status = FeedbackStatus.RecordedFromCaller;
            call = new CallReference(feedback.PromptName, feedback.PromptVersion, CarriedTrace(feedback), ModelId: null);
        }
        else
        {
            CaptureLog.FeedbackUnknownResponse(_logger, feedback.Name, feedback.ResponseId);
            return new FeedbackResult(FeedbackStatus.UnknownResponse, Unknown(feedback));
        }

        var identifiesSpan = call.Trace != default;
        var record = new EvaluationRecord(FeedbackConstants.EvaluatorName, EvaluationMode.Background,
            [new EvaluationScore(feedback.Name, feedback.Value, feedback.Passed, feedback.Comment)])
        {
            Source = EvaluationRecord.HumanSource,
            UserId = feedback.UserId,
            Timestamp = _timeProvider.GetUtcNow(),
            ResponseId = feedback.ResponseId,
            ModelId = call.ModelId,
            PromptName = call.PromptName,
            PromptVersion = call.PromptVersion,
            TraceId = identifiesSpan ? call.Trace.TraceId.ToHexString() : null,
            SpanId = identifiesSpan ? call.Trace.SpanId.ToHexString() : null,
        };

        _metrics.RecordScore(feedback.Value, feedback.Name, FeedbackConstants.EvaluatorName, call.PromptName, call.PromptVersion);
        Trace(record, feedback, call.Trace);
        _pipeline.Capture?.OnFeedback(record, feedback);
        await WriteToSinksAsync(record, feedback.Name, cancellationToken);
        return new FeedbackResult(status, Recorded(feedback, call, status))
        {
            PromptName = call.PromptName,
            PromptVersion = call.PromptVersion,
        };
    }

    public void Dispose() => _metrics.Dispose();

    /// <summary>Records the feedback as a span of its own, linked to the call's span: the call's trace ended long ago.</summary>
    private static void Trace(EvaluationRecord record, ChatFeedback feedback, ActivityContext call)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        ActivityLink[]? links = call != default ? [new ActivityLink(call)] : null;
        using var activity = Source.StartActivity(
            LlmOpsTelemetry.Spans.FeedbackPrefix + feedback.Name, ActivityKind.Internal, parentContext: default, tags: null, links: links);
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag(LlmOpsTelemetry.Attributes.EvaluationEvaluator, FeedbackConstants.EvaluatorName)
            .SetTag(LlmOpsTelemetry.Attributes.EvaluationSource, EvaluationRecord.HumanSource)
            .SetTag(LlmOpsTelemetry.Attributes.ResponseId, feedback.ResponseId);
        if (record.PromptName is { } promptName)
        {
            activity.SetTag(LlmOpsTelemetry.Attributes.PromptName, promptName);
        }

        if (record.PromptVersion is { } promptVersion)
        {
            activity.SetTag(LlmOpsTelemetry.Attributes.PromptVersion, promptVersion);
        }

        // The comment and the user id are user data: they go to the sinks, not onto the span.
        var score = record.Scores[0];
        var tags = new ActivityTagsCollection
        {
            [LlmOpsTelemetry.Attributes.EvaluationName] = score.Name,
            [LlmOpsTelemetry.Attributes.EvaluationScoreValue] = score.Value,
            [LlmOpsTelemetry.Attributes.EvaluationSource] = EvaluationRecord.HumanSource,
            [LlmOpsTelemetry.Attributes.ResponseId] = feedback.ResponseId,
        };
        if (score.Label is { } label)
        {
            tags[LlmOpsTelemetry.Attributes.EvaluationScoreLabel] = label;
        }

        activity.AddEvent(new ActivityEvent(LlmOpsTelemetry.Events.EvaluationResult, tags: tags));
    }

    private static ActivityContext CarriedTrace(ChatFeedback feedback)
    {
        if (feedback.TraceId is not { Length: 32 } traceId || feedback.SpanId is not { Length: 16 } spanId
            || !IsHex(traceId) || !IsHex(spanId))
        {
            return default;
        }

        return new ActivityContext(ActivityTraceId.CreateFromString(traceId), ActivitySpanId.CreateFromString(spanId), ActivityTraceFlags.None);
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private string Unknown(ChatFeedback feedback)
    {
        var where = _pipeline.Index is { } index
            ? $"is not among the {index.Capacity.ToString("N0", CultureInfo.InvariantCulture)} most recent calls of this process (it is older, was answered by another process, or the id is wrong)"
            : "cannot be looked up: this pipeline keeps no recent calls (call AddFeedback() in AddLlmOps to keep them)";
        return $"Feedback '{feedback.Name}' was not recorded: response '{feedback.ResponseId}' {where}. " +
               "To record feedback on such a call, set PromptName and PromptVersion (and TraceId and SpanId to link its trace) on the ChatFeedback.";
    }

    private static string Recorded(ChatFeedback feedback, CallReference call, FeedbackStatus status)
    {
        var prompt = call.PromptName is null
            ? "a call that used no prompt"
            : $"prompt '{call.PromptName}'{(call.PromptVersion is { } v ? $" version {v.ToString(CultureInfo.InvariantCulture)}" : string.Empty)}";
        var from = status == FeedbackStatus.Recorded ? "found among the recent calls" : "as the feedback carried it";
        return $"Feedback '{feedback.Name}' on response '{feedback.ResponseId}' was recorded against {prompt}, {from}.";
    }

    private async Task WriteToSinksAsync(EvaluationRecord record, string name, CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.WriteAsync(record, cancellationToken);
            }
#pragma warning disable CA1031 // a sink is user code: its failure is counted and logged, never the caller's failure
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _metrics.RecordSinkFailure(record.EvaluatorName);
                CaptureLog.FeedbackSinkFailed(_logger, sink.GetType().Name, name, exception);
            }
        }
    }
}

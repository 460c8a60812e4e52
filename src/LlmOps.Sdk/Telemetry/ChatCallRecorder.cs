using System.Diagnostics;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Starts a chat call's span and records its end: span attributes, metrics, cost and logs.</summary>
/// <remarks>
/// The logic of <see cref="TelemetryChatClient"/>, testable without a chat client. Thread-safe: it holds only what was
/// fixed when the stage was built. Every recording is guarded by the listener checks, so nothing is computed for
/// nobody, and wrapped so that a telemetry failure is logged, never thrown into the call.
/// </remarks>
internal sealed class ChatCallRecorder
{
    private readonly ModelPriceTable _prices;
    private readonly ContentCleaner _cleaner;
    private readonly SentContentRecorder _sentContent;
    private readonly ILogger _logger;
    private readonly string? _defaultModelId;
    private readonly string? _providerName;
    private readonly string? _serverAddress;
    private readonly object? _serverPort;
    private readonly bool _systemClock;
    private readonly double _timestampFrequency;
    private readonly SpanTagValues _tagValues = new();
    private SpanNameEntry? _lastSpanName;

    public ChatCallRecorder(
        LlmOpsInstrumentation instrumentation, ModelPriceTable prices, bool captureContent, ContentCleaner cleaner,
        ILogger logger, TimeProvider timeProvider, ChatClientMetadata? metadata)
    {
        Instrumentation = instrumentation;
        _prices = prices;
        CaptureContent = captureContent;
        _cleaner = cleaner;
        _sentContent = new SentContentRecorder(cleaner);
        _logger = logger;
        TimeProvider = timeProvider;
        _systemClock = ReferenceEquals(timeProvider, TimeProvider.System);
        _timestampFrequency = timeProvider.TimestampFrequency;
        _defaultModelId = metadata?.DefaultModelId;
        _providerName = metadata?.ProviderName;
        _serverAddress = metadata?.ProviderUri?.Host;
        _serverPort = metadata?.ProviderUri?.Port ?? 0; // boxed once: the span and every metric record carry it
    }

    public LlmOpsInstrumentation Instrumentation { get; }

    public TimeProvider TimeProvider { get; }

    public bool CaptureContent { get; }

    public ModelPriceTable Prices => _prices;

    /// <summary>Asks the span listeners and the logger whether they watch a call that starts now.</summary>
    public CallWatch Watch() => new(Instrumentation.Source.HasListeners(), _logger.IsEnabled(LogLevel.Debug));

    /// <summary>Gets whether anyone observes a call: a span listener, a call metric or a Debug log.</summary>
    public bool IsObserved(CallWatch watch) => watch.Spans || watch.LogsCalls || Instrumentation.AnyCallMetricEnabled;

    /// <summary>Gets whether failures are logged, which needs a look at each call even when nobody else observes.</summary>
    public bool LogsFailures => _logger.IsEnabled(LogLevel.Warning);

    public string? RequestModel(ChatOptions? options) => options?.ModelId ?? _defaultModelId;

    /// <summary>Reads the clock: the system's without a virtual call, as a stream reads it once per chunk.</summary>
    public long GetTimestamp() => _systemClock ? Stopwatch.GetTimestamp() : TimeProvider.GetTimestamp();

    /// <summary>Returns the seconds between two timestamps of <see cref="GetTimestamp"/>.</summary>
    public double SecondsBetween(long startTimestamp, long endTimestamp) => (endTimestamp - startTimestamp) / _timestampFrequency;

    /// <summary>Gets whether the call needs the clock: for a span (its start and end), a metric, or the Debug log.</summary>
    public bool NeedsClock(CallWatch watch, bool streaming) =>
        watch.Spans || watch.LogsCalls || Instrumentation.OperationDuration.Enabled
        || (streaming && (Instrumentation.TimeToFirstChunk.Enabled || Instrumentation.TimePerOutputChunk.Enabled));

    /// <summary>Starts the call's span, with its request attributes and, when captured, its redacted input.</summary>
    /// <remarks>
    /// With the system clock, the span starts at <paramref name="startTimestamp"/> (the clock the call's duration is
    /// measured from), so that starting it reads no clock of its own; 0 lets the span read its own.
    /// </remarks>
    public Activity? Start(IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming, CallWatch watch, long startTimestamp)
    {
        var model = RequestModel(options);
        Activity? activity = null;
        try
        {
            if (watch.Spans)
            {
                activity = StartActivity(model, options, streaming, startTimestamp);
                if (activity is { IsAllDataRequested: true })
                {
                    ChatSpanTags.AddRequestDetails(activity, options, CaptureContent, _cleaner);
                    ChatSpanTags.AddCallerTags(activity, options);
                    if (CaptureContent)
                    {
                        ChatSpanTags.AddInputContent(activity, messages, options, _cleaner);
                        activity.SetCustomProperty(SentContentRecorder.PropertyName, _sentContent);
                    }
                }
            }

            if (watch.LogsCalls)
            {
                TelemetryLog.CallStarted(_logger, model, _providerName, streaming);
            }
        }
        catch (Exception ex)
        {
            TelemetryLog.RecordingFailed(_logger, ex);
        }

        return activity;
    }

    /// <summary>Records the end of a call on its span, its metrics and the log; never throws.</summary>
    /// <remarks>
    /// The prompt that answered is a stream's, taken from its first update, or else read from the response's stamp.
    /// <paramref name="callerModel"/> is the model the caller's own options name, if any.
    /// </remarks>
    public void Complete(
        Activity? activity, CallWatch watch, long startTimestamp, string? callerModel, ChatResponse? response, Exception? error,
        double? timeToFirstChunk, PromptVersion? prompt = null)
    {
        try
        {
            prompt ??= PromptStamp.Read(response?.AdditionalProperties);
            CompleteCore(activity, watch, startTimestamp, RequestedModel(callerModel, prompt), response, error, timeToFirstChunk, prompt);
        }
        catch (Exception ex)
        {
            TelemetryLog.RecordingFailed(_logger, ex);
        }
    }

    /// <summary>Logs a failure of a call that nobody else observes.</summary>
    public void LogFailure(string? requestModel, Exception error) =>
        TelemetryLog.CallFailed(_logger, requestModel, error.GetType().FullName ?? error.GetType().Name, error);

    /// <summary>Logs that the caller stopped reading a stream before its end.</summary>
    public void LogAbandoned(CallWatch watch, int chunkCount)
    {
        if (watch.LogsCalls)
        {
            TelemetryLog.StreamAbandoned(_logger, chunkCount);
        }
    }

    /// <summary>Returns the model a call requested in the end: the caller's, else its prompt's, else the provider's default.</summary>
    /// <remarks>
    /// The prompt stage's rule (the caller's options win, the prompt fills what they leave unset), applied to the prompt
    /// stamped on the answer. Not read back from the span: a call's metrics and logs must not depend on whether its span
    /// was sampled.
    /// </remarks>
    public string? RequestedModel(string? callerModel, PromptVersion? prompt) =>
        callerModel ?? prompt?.Model?.ModelId ?? _defaultModelId;

    /// <summary>Sets the dimensions of a call's metrics: the conventions' ones, plus the prompt that answered.</summary>
    public void AddMetricTags(ref MetricTags tags, string? requestModel, string? responseModel, PromptVersion? prompt)
    {
        tags.Add(LlmOpsTelemetry.Attributes.OperationName, LlmOpsTelemetry.ChatOperation);
        if (requestModel is { } model)
        {
            tags.Add(LlmOpsTelemetry.Attributes.RequestModel, model);
        }

        tags.Add(LlmOpsTelemetry.Attributes.ProviderName, _providerName);
        if (_serverAddress is not null)
        {
            tags.Add(LlmOpsTelemetry.Attributes.ServerAddress, _serverAddress);
            tags.Add(LlmOpsTelemetry.Attributes.ServerPort, _serverPort);
        }

        if (responseModel is not null)
        {
            tags.Add(LlmOpsTelemetry.Attributes.ResponseModel, responseModel);
        }

        // Prompt name and version are bounded by the registry's content, unlike labels, variants or hashes. They come
        // from the answer's prompt stamp, not the span: metrics are kept whether or not the span was sampled.
        if (prompt is not null)
        {
            tags.Add(LlmOpsTelemetry.Attributes.PromptName, prompt.Name);
            tags.Add(LlmOpsTelemetry.Attributes.PromptVersion, prompt.VersionTag);
        }
    }

    /// <summary>Starts the span with the request's attributes, so that samplers see them and the span takes no lock for them.</summary>
    private Activity? StartActivity(string? model, ChatOptions? options, bool streaming, long startTimestamp)
    {
        var tags = SpanTagBuffer.Rent();
        try
        {
            ChatSpanTags.CollectRequestTags(tags, model, _providerName, _serverAddress, _serverPort, options, streaming, _tagValues);
            var startTime = _systemClock && startTimestamp != 0 ? SpanClock.UtcAt(startTimestamp) : default;
            return Instrumentation.Source.StartActivity(ActivityKind.Client, tags: tags, startTime: startTime, name: SpanName(model));
        }
        finally
        {
            tags.Return();
        }
    }

    /// <summary>Returns <c>chat {model}</c>, reusing the last name built: most stages call one model all the time.</summary>
    private string SpanName(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return LlmOpsTelemetry.ChatOperation;
        }

        var last = _lastSpanName;
        if (last is not null && string.Equals(last.Model, model, StringComparison.Ordinal))
        {
            return last.Name;
        }

        var name = $"{LlmOpsTelemetry.ChatOperation} {model}";
        _lastSpanName = new SpanNameEntry(model, name); // a race only builds the name twice
        return name;
    }

    private void CompleteCore(
        Activity? activity, CallWatch watch, long startTimestamp, string? requestModel, ChatResponse? response, Exception? error,
        double? timeToFirstChunk, PromptVersion? prompt)
    {
        var instruments = Instrumentation;
        var recordSpan = activity is { IsAllDataRequested: true };
        var logDebug = watch.LogsCalls;
        double? cost = null;
        // A cache hit spent nothing: the response cache stage records what it saved (llmops.cache.saved_cost) instead.
        if ((recordSpan || instruments.Cost.Enabled || logDebug) && response?.Usage is { } usage && !_prices.IsEmpty
            && !Caching.ResponseCacheMark.IsHit(response)
            && _prices.TryGetCostUsd(response.ModelId ?? requestModel, usage, out var costUsd))
        {
            cost = costUsd;
        }

        var duration = startTimestamp != 0 ? TimeProvider.GetElapsedTime(startTimestamp) : TimeSpan.Zero;
        if (instruments.OperationDuration.Enabled || instruments.TokenUsage.Enabled || instruments.Cost.Enabled)
        {
            RecordMetrics(requestModel, response, error, cost, duration, prompt);
        }

        if (recordSpan)
        {
            ChatSpanTags.AddResponseTags(activity!, response, error, timeToFirstChunk, cost, _tagValues); // recordSpan means not null
            // An inner stage (privacy) may have recorded the output it received: placeholders rather than the caller's values.
            if (CaptureContent && response is not null && activity!.GetCustomProperty(SentContentRecorder.ReceivedPropertyName) is null)
            {
                ChatSpanTags.AddOutputContent(activity!, response, _cleaner);
            }

            if (startTimestamp != 0)
            {
                // The clock was read for the metric already: the span ends where the measured duration does, so that
                // the two agree and stopping the span needs no clock read of its own.
                activity!.SetEndTime(activity.StartTimeUtc + duration);
            }
        }

        if (error is not null)
        {
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                LogFailure(requestModel, error);
            }
        }
        else if (logDebug)
        {
#pragma warning disable CA1873 // guarded: logDebug is the logger's answer, asked when the call started
            TelemetryLog.CallCompleted(
                _logger, duration.TotalMilliseconds, response?.ModelId ?? requestModel,
                response?.Usage?.InputTokenCount, response?.Usage?.OutputTokenCount,
                ChatContentSerializer.FinishReasonName(response?.FinishReason), cost);
#pragma warning restore CA1873
        }
    }

    private void RecordMetrics(
        string? requestModel, ChatResponse? response, Exception? error, double? cost, TimeSpan duration, PromptVersion? prompt)
    {
        // One set of dimensions for every record: each record sets its own last tag in place.
        var instruments = Instrumentation;
        var tags = default(MetricTags);
        AddMetricTags(ref tags, requestModel, response?.ModelId, prompt);
        if (cost is double value && instruments.Cost.Enabled)
        {
            instruments.Cost.Record(value, tags.Span);
        }

        var sharedCount = tags.Count;
        if (instruments.TokenUsage.Enabled && response?.Usage is { } usage)
        {
            if (usage.InputTokenCount is long input)
            {
                tags.SetLast(sharedCount, LlmOpsTelemetry.Attributes.TokenType, LlmOpsTelemetry.Values.TokenTypeInput);
                instruments.TokenUsage.Record((int)Math.Min(input, int.MaxValue), tags.Span);
            }

            if (usage.OutputTokenCount is long output)
            {
                tags.SetLast(sharedCount, LlmOpsTelemetry.Attributes.TokenType, LlmOpsTelemetry.Values.TokenTypeOutput);
                instruments.TokenUsage.Record((int)Math.Min(output, int.MaxValue), tags.Span);
            }
        }

        if (instruments.OperationDuration.Enabled)
        {
            if (error is not null)
            {
                tags.SetLast(sharedCount, LlmOpsTelemetry.Attributes.ErrorType, error.GetType().FullName);
            }
            else
            {
                tags.Truncate(sharedCount);
            }

            instruments.OperationDuration.Record(duration.TotalSeconds, tags.Span);
        }
    }

    private sealed record SpanNameEntry(string Model, string Name);
}

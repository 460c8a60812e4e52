using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmOps.Sdk.Pipeline;
using LlmOps.Sdk.Telemetry.Redaction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Records each chat call as one OpenTelemetry GenAI span with metrics, cost and logs.</summary>
/// <remarks>
/// <para>
/// The span <c>chat {model}</c> (kind Client) and the <c>gen_ai.*</c> attributes and metrics are those of
/// <c>OpenTelemetryChatClient</c> (GenAI semantic conventions v1.41), so existing dashboards work unchanged. It adds the
/// prompt identity, retry attempts and cost that the inner stages and the price table provide, and, unlike it, it
/// redacts captured content and never records <see cref="ChatOptions.AdditionalProperties"/>.
/// </para>
/// <para>
/// Put it outermost: its span covers the whole logical call, and inner stages add to it through
/// <see cref="Activity.Current"/>. A stream gets one span, closed when the stream ends, is abandoned or fails.
/// With nobody listening (no span listener, no metric collected, no Debug log) a call passes straight through:
/// no span, no tag, no clock read, no allocation.
/// </para>
/// <para>Thread-safe. Message content is recorded only when <see cref="TelemetryOptions.EnableSensitiveData"/> allows it.</para>
/// </remarks>
public sealed class TelemetryChatClient : DelegatingChatClient
{
    private readonly ChatCallRecorder _recorder;
    private readonly LlmOpsInstrumentation? _ownedInstrumentation;

    /// <summary>Initializes a new instance of the <see cref="TelemetryChatClient"/> class.</summary>
    /// <param name="innerClient">The client whose calls are recorded.</param>
    /// <param name="options">What to record; the defaults when <see langword="null"/>.</param>
    /// <param name="redactor">Cleans captured content; <see cref="PiiRedactor"/> when <see langword="null"/>.</param>
    /// <param name="logger">Receives call start and end at Debug and failures at Warning; none when <see langword="null"/>.</param>
    /// <param name="meterFactory">Creates the meter; when <see langword="null"/>, the stage creates and owns one.</param>
    /// <param name="timeProvider">Measures durations; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public TelemetryChatClient(
        IChatClient innerClient, TelemetryOptions? options = null, IRedactor? redactor = null, ILogger? logger = null,
        IMeterFactory? meterFactory = null, TimeProvider? timeProvider = null)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        options ??= new TelemetryOptions();
        TelemetryOptionsValidator.ThrowIfInvalid(options);
        _ownedInstrumentation = new LlmOpsInstrumentation(meterFactory);
        _recorder = CreateRecorder(innerClient, options, _ownedInstrumentation, new ModelPriceTable(options), redactor, logger, timeProvider);
    }

    /// <summary>Initializes a new instance of the <see cref="TelemetryChatClient"/> class that shares the container's instrumentation.</summary>
    internal TelemetryChatClient(
        IChatClient innerClient, TelemetryOptions options, LlmOpsInstrumentation instrumentation, ModelPriceTable prices,
        IRedactor? redactor, ILogger? logger, TimeProvider? timeProvider)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        _recorder = CreateRecorder(innerClient, options, instrumentation, prices, redactor, logger, timeProvider);
    }

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? base.GetService(serviceType, serviceKey)
            : serviceType == typeof(ActivitySource) ? _recorder.Instrumentation.Source
            : serviceType == typeof(ModelPriceTable) ? _recorder.Prices
            : serviceType == typeof(LlmOpsInstrumentation) ? _recorder.Instrumentation
            : base.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var watch = _recorder.Watch();
        if (_recorder.IsObserved(watch))
        {
            return GetObservedResponseAsync(messages, options, watch, cancellationToken);
        }

        var task = base.GetResponseAsync(messages, options, cancellationToken);
        return task.IsCompletedSuccessfully || !_recorder.LogsFailures ? task : LogFailureAsync(task, options);
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var watch = _recorder.Watch();
        return _recorder.IsObserved(watch) || _recorder.LogsFailures
            ? new ObservedStream(InnerClient, _recorder, messages, options, watch, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedInstrumentation?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static ChatCallRecorder CreateRecorder(
        IChatClient innerClient, TelemetryOptions options, LlmOpsInstrumentation instrumentation, ModelPriceTable prices,
        IRedactor? redactor, ILogger? logger, TimeProvider? timeProvider)
    {
        var captureContent = options.EnableSensitiveData
            ?? string.Equals(Environment.GetEnvironmentVariable(LlmOpsTelemetry.CaptureMessageContentVariable), "true", StringComparison.OrdinalIgnoreCase);
        return new ChatCallRecorder(
            instrumentation, prices, captureContent, new ContentCleaner(redactor ?? PiiRedactor.Instance, options.MaxCapturedTextLength),
            logger ?? NullLogger.Instance,
            timeProvider ?? TimeProvider.System, innerClient.GetService<ChatClientMetadata>());
    }

    private async Task<ChatResponse> LogFailureAsync(Task<ChatResponse> task, ChatOptions? options)
    {
        try
        {
            return await task;
        }
        catch (Exception ex)
        {
            _recorder.LogFailure(_recorder.RequestModel(options), ex);
            throw;
        }
    }

    private Task<ChatResponse> GetObservedResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, CallWatch watch, CancellationToken cancellationToken)
    {
        var start = _recorder.NeedsClock(watch, streaming: false) ? _recorder.GetTimestamp() : 0;
        var activity = _recorder.Start(messages, options, streaming: false, watch, start);
        Task<ChatResponse> task;
        try
        {
            task = base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex)
        {
            Finish(activity, watch, start, options, response: null, ex);
            throw;
        }

        // A response that is already there (a cache hit, a fake) is recorded without an async state machine or a
        // second task: the caller gets the inner task itself.
        if (task.IsCompletedSuccessfully)
        {
            Finish(activity, watch, start, options, task.GetAwaiter().GetResult(), error: null);
            return task;
        }

        if (activity is not null)
        {
            // This method is not async, so starting the span made it current in the caller's context: give the
            // caller its own span back (the span's parent: it started under the caller's). The inner call already
            // captured ours and keeps running in it.
            Activity.Current = activity.Parent;
        }

        return AwaitObservedResponseAsync(task, activity, watch, start, options);
    }

    private async Task<ChatResponse> AwaitObservedResponseAsync(
        Task<ChatResponse> task, Activity? activity, CallWatch watch, long start, ChatOptions? options)
    {
        ChatResponse? response = null;
        Exception? error = null;
        try
        {
            response = await task;
            return response;
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            Finish(activity, watch, start, options, response, error);
        }
    }

    private void Finish(Activity? activity, CallWatch watch, long start, ChatOptions? options, ChatResponse? response, Exception? error)
    {
        _recorder.Complete(activity, watch, start, options?.ModelId, response, error, timeToFirstChunk: null);
        activity?.Dispose();
    }
}

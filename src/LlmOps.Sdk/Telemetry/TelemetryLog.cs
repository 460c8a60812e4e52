using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Telemetry;

/// <summary>The telemetry stage's log messages (event IDs 3xx). Never message content: only ids, models and numbers.</summary>
/// <remarks>
/// The Debug messages skip the generated <c>IsEnabled</c> check: the stage asks the logger once per call
/// (<see cref="CallWatch"/>) and calls them only when the answer was yes.
/// </remarks>
internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, SkipEnabledCheck = true,
        Message = "Chat call started: model {RequestModel}, provider {ProviderName}, streaming {Streaming}.")]
    public static partial void CallStarted(ILogger logger, string? requestModel, string? providerName, bool streaming);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, SkipEnabledCheck = true,
        Message = "Chat call completed in {DurationMs:F1} ms: model {ResponseModel}, tokens in/out {InputTokens}/{OutputTokens}, finish {FinishReason}, cost {CostUsd} USD.")]
    public static partial void CallCompleted(
        ILogger logger, double durationMs, string? responseModel, long? inputTokens, long? outputTokens, string? finishReason, double? costUsd);

    [LoggerMessage(302, LogLevel.Warning, "Chat call to model {RequestModel} failed with {ErrorType}.")]
    public static partial void CallFailed(ILogger logger, string? requestModel, string errorType, Exception exception);

    [LoggerMessage(303, LogLevel.Warning,
        "Recording telemetry for a chat call failed; the call itself is unaffected and this call's telemetry is incomplete.")]
    public static partial void RecordingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 304, Level = LogLevel.Debug, SkipEnabledCheck = true,
        Message = "Chat stream abandoned by the caller after {ChunkCount} chunks.")]
    public static partial void StreamAbandoned(ILogger logger, int chunkCount);
}

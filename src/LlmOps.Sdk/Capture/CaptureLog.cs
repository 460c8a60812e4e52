using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Capture;

/// <summary>The log lines of feedback and capture, event IDs 1100–1199.</summary>
internal static partial class CaptureLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "The capture queue is full ({Capacity} calls): captured calls are being dropped ({Dropped} so far). Raise CaptureOptions.QueueCapacity or lower CaptureOptions.SamplingRate.")]
    public static partial void QueueFull(ILogger logger, int capacity, long dropped);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "{Count} captured calls could not be written to {Target}; they are dropped. Check that the file's directory is writable, or that the database is reachable and this user may insert into it (the exception says which).")]
    public static partial void WriteFailed(ILogger logger, int count, string target, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Shutdown left {NotDrained} captured calls unwritten after waiting {DrainTimeout}; they are dropped. Raise CaptureOptions.DrainTimeout to wait longer.")]
    public static partial void DrainIncomplete(ILogger logger, long notDrained, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug,
        Message = "The capture queue is drained.")]
    public static partial void Drained(ILogger logger);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Debug,
        Message = "Feedback '{Name}' for response '{ResponseId}' was not recorded: the call is not among the recent calls and the feedback carries no prompt.")]
    public static partial void FeedbackUnknownResponse(ILogger logger, string name, string responseId);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning,
        Message = "Evaluation sink {Sink} failed to write feedback '{Name}'; the feedback is lost for this sink.")]
    public static partial void FeedbackSinkFailed(ILogger logger, string sink, string name, Exception exception);
}

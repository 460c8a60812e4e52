using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Evaluation;

/// <summary>The evaluation stage's log lines, event IDs 200–299.</summary>
internal static partial class EvaluationLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Warning,
        Message = "Evaluator '{Evaluator}' threw {ErrorType}; the call goes on without its score.")]
    public static partial void EvaluatorFailed(ILogger logger, string evaluator, string errorType, Exception exception);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning,
        Message = "Evaluator '{Evaluator}' did not finish within its timeout of {Timeout}; the call goes on without its score. Raise EvaluatorOptions.Timeout or run it in the background.")]
    public static partial void EvaluatorTimedOut(ILogger logger, string evaluator, TimeSpan timeout);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning,
        Message = "Evaluation sink {Sink} failed to write the result of evaluator '{Evaluator}'; the result is lost for this sink.")]
    public static partial void SinkFailed(ILogger logger, string sink, string evaluator, Exception exception);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning,
        Message = "The background evaluation queue is full ({Capacity} items): evaluations are being dropped ({Dropped} so far). Raise EvaluationOptions.QueueCapacity or WorkerCount, or lower the sampling rates.")]
    public static partial void QueueFull(ILogger logger, int capacity, long dropped);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning,
        Message = "Shutdown left {NotDrained} background evaluations undone after waiting {DrainTimeout}; they are dropped. Raise EvaluationOptions.DrainTimeout to wait longer.")]
    public static partial void DrainIncomplete(ILogger logger, long notDrained, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug,
        Message = "The background evaluation queue is drained.")]
    public static partial void Drained(ILogger logger);

    [LoggerMessage(EventId = 206, Level = LogLevel.Debug,
        Message = "Evaluator '{Evaluator}' was canceled before it finished.")]
    public static partial void EvaluatorCanceled(ILogger logger, string evaluator);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning,
        Message = "A background evaluation was dropped: {Reason}.")]
    public static partial void Dropped(ILogger logger, string reason);

    [LoggerMessage(EventId = 208, Level = LogLevel.Debug,
        Message = "Evaluation sinks were still writing when the inline time budget ran out; the call returns and the writes go on.")]
    public static partial void SinksStillWriting(ILogger logger);

    [LoggerMessage(EventId = 250, Level = LogLevel.Warning,
        Message = "Evaluator '{Evaluator}' timed out, and a callback it registered on its cancellation token threw; the evaluation is recorded as timed out.")]
    public static partial void CancellationCallbackFailed(ILogger logger, string evaluator, Exception exception);
}

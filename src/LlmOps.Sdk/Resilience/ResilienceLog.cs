using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Resilience;

/// <summary>The resilience stage's log messages (event IDs 4xx).</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 401, Level = LogLevel.Information,
        Message = "Chat attempt {AttemptNumber} failed ({Reason}); retried after {DelayMilliseconds} ms.")]
    public static partial void Retried(ILogger logger, int attemptNumber, string reason, double delayMilliseconds);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning,
        Message = "The chat call failed ({Reason}) after {AttemptCount} attempt(s); answering from the fallback client.")]
    public static partial void FallingBack(ILogger logger, string reason, int attemptCount);

    // 403 is retired: a call given up on throws RetriesExhaustedException or CircuitOpenException, with reason and attempt
    // count, and the telemetry stage logs every failed call once (event 302), whatever stage it failed in.

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning,
        Message = "The provider asked to retry after {WaitMilliseconds} ms, which would outlast the total timeout of " +
                  "{TotalTimeoutMilliseconds} ms; not retried. Raise Resilience.TotalTimeout to wait that long.")]
    public static partial void WaitBeyondBudget(ILogger logger, double waitMilliseconds, double totalTimeoutMilliseconds);
}

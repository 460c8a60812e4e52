using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.RateLimits;

/// <summary>The rate-limit stage's log lines, event IDs 850–899.</summary>
internal static partial class RateLimitLog
{
    [LoggerMessage(EventId = 850, Level = LogLevel.Warning,
        Message = "A call could not get {Requested} {Kind} permit(s) of limiter '{Limiter}' within {MaxWait}; it is refused.")]
    public static partial void Rejected(ILogger logger, string limiter, string kind, int requested, TimeSpan maxWait);

    [LoggerMessage(EventId = 851, Level = LogLevel.Information,
        Message = "The provider answered 429 for limiter '{Limiter}' with {RemainingRequests} requests and {RemainingTokens} tokens remaining (blank: not said); calls pause for {Pause}.")]
    public static partial void ProviderThrottled(ILogger logger, string limiter, int? remainingRequests, int? remainingTokens, TimeSpan pause);

    [LoggerMessage(EventId = 852, Level = LogLevel.Warning,
        Message = "A call to model '{Model}' could not get its {Kind} permit(s) within {MaxWait}; it goes to the fallback model '{FallbackModel}' instead.")]
    public static partial void Rerouted(ILogger logger, string model, string kind, TimeSpan maxWait, string fallbackModel);
}

using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Caching;

/// <summary>The response cache stage's log lines, event IDs 700–749.</summary>
internal static partial class ResponseCacheLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Warning,
        Message = "The response cache did not store the answer of {Prompt}: it is {PayloadBytes} bytes, over the HybridCache limit of " +
        "{LimitBytes} bytes, so identical calls keep reaching the provider. The call got its answer. Raise " +
        "HybridCacheOptions.MaximumPayloadBytes (services.AddHybridCache(o => o.MaximumPayloadBytes = ...)) or lower the call's " +
        "MaxOutputTokens. Further answers over the limit are counted on llmops.cache.skipped, not logged, until an answer is stored again.")]
    public static partial void TooLarge(ILogger logger, string prompt, int payloadBytes, long limitBytes);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning,
        Message = "The response cache could not store the answer of {Prompt}: the cache failed. The call got its answer. " +
        "Further failures are counted on llmops.cache.skipped, not logged, until an answer is stored again.")]
    public static partial void StoreFailed(ILogger logger, string prompt, Exception exception);
}

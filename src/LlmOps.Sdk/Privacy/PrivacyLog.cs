using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Privacy;

/// <summary>The privacy stage's log messages (event IDs 9xx): kinds and counts, never values.</summary>
internal static partial class PrivacyLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Protected personal data before the provider: {Detections}.")]
    public static partial void Protected(ILogger logger, string detections);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Blocked a call before the provider: it holds personal data of kinds {Kinds}, which the privacy policy blocks.")]
    public static partial void Blocked(ILogger logger, string kinds);
}

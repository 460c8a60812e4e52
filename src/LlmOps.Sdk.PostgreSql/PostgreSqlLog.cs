using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>The PostgreSQL prompt store's log messages; Prompts event IDs 170–179.</summary>
internal static partial class PostgreSqlLog
{
    [LoggerMessage(170, LogLevel.Information, "{Store} migrated its schema from version {From} to {To}.")]
    public static partial void Migrated(ILogger logger, string store, int from, int to);

    [LoggerMessage(171, LogLevel.Information, "{Store} is listening for changes on channel '{Channel}'.")]
    public static partial void Listening(ILogger logger, string store, string channel);

    [LoggerMessage(172, LogLevel.Warning, "{Store} lost its change listener; reconnecting in {DelayMs} ms (attempt {Attempt}). Cached prompts keep serving.")]
    public static partial void ListenerLost(ILogger logger, string store, long delayMs, int attempt, Exception error);

    [LoggerMessage(173, LogLevel.Information, "{Store} reconnected its change listener after {Attempts} attempts; every cached prompt will be read again.")]
    public static partial void ListenerReconnected(ILogger logger, string store, int attempts);

    [LoggerMessage(174, LogLevel.Debug, "{Store} was told prompt '{PromptName}' changed.")]
    public static partial void Changed(ILogger logger, string store, string promptName);

    [LoggerMessage(175, LogLevel.Information, "{Store}: {Kind} of prompt '{PromptName}' by '{Actor}'.")]
    public static partial void Written(ILogger logger, string store, string kind, string promptName, string actor);
}

using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Prompts.Sqlite;

/// <summary>The SQLite store's log messages (event IDs 150–159, in the prompts block).</summary>
internal static partial class SqliteLog
{
    [LoggerMessage(150, LogLevel.Information, "SQLite prompt store '{Path}' opened at schema version {SchemaVersion}.")]
    public static partial void Opened(ILogger logger, string path, int schemaVersion);

    [LoggerMessage(151, LogLevel.Information, "SQLite prompt store '{Path}' migrated from schema version {From} to {To}.")]
    public static partial void Migrated(ILogger logger, string path, int from, int to);

    [LoggerMessage(152, LogLevel.Warning, "SQLite prompt store '{Path}' cannot be opened now; it is tried again on every read. {Error}")]
    public static partial void Unreachable(ILogger logger, string path, string error);

    [LoggerMessage(153, LogLevel.Debug, "SQLite prompt store '{Path}' was changed by another connection (change {ChangeCount}).")]
    public static partial void ChangedElsewhere(ILogger logger, string path, long changeCount);

    [LoggerMessage(154, LogLevel.Warning, "SQLite prompt store '{Path}' could not be checked for changes; checking again in {IntervalMs} ms. {Error}")]
    public static partial void PollFailed(ILogger logger, string path, double intervalMs, string error);

    [LoggerMessage(155, LogLevel.Information, "SQLite prompt store '{Path}' can be read again.")]
    public static partial void Recovered(ILogger logger, string path);
}

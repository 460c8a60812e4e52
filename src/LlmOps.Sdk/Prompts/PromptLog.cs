using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Prompts;

/// <summary>The prompt capability's log messages (event IDs 1xx).</summary>
internal static partial class PromptLog
{
    [LoggerMessage(100, LogLevel.Warning, "Prompt store failed for prompt '{PromptName}'; serving the last good version (read {AgeSeconds:F0} s ago).")]
    public static partial void ServingLastGood(ILogger logger, string promptName, double ageSeconds, Exception error);

    [LoggerMessage(101, LogLevel.Warning, "Prompt store failed for prompt '{PromptName}'; serving the fallback prompt given in code.")]
    public static partial void ServingFallback(ILogger logger, string promptName, Exception error);

    [LoggerMessage(102, LogLevel.Debug, "Prompt '{PromptName}' read from the store.")]
    public static partial void Loaded(ILogger logger, string promptName);

    [LoggerMessage(103, LogLevel.Debug, "Prompt store changed; cached prompts will be read again.")]
    public static partial void StoreChanged(ILogger logger);

    [LoggerMessage(104, LogLevel.Error, "Prompt files in '{Directory}' failed to reload; the last good versions keep serving. {Error}")]
    public static partial void ReloadFailed(ILogger logger, string directory, string error, Exception? exception);

    [LoggerMessage(105, LogLevel.Information, "Prompt files in '{Directory}' reloaded: {PromptCount} prompts.")]
    public static partial void Reloaded(ILogger logger, string directory, int promptCount);

    [LoggerMessage(106, LogLevel.Warning, "Prompt store failed for prompt '{PromptName}'; serving the version kept in the snapshot file '{SnapshotPath}' until the store answers again.")]
    public static partial void ServingSnapshot(ILogger logger, string promptName, string snapshotPath, Exception error);

    [LoggerMessage(107, LogLevel.Debug, "Prompt snapshot file '{SnapshotPath}' written: {PromptCount} prompts.")]
    public static partial void SnapshotWritten(ILogger logger, string snapshotPath, int promptCount);

    [LoggerMessage(108, LogLevel.Warning, "Prompt snapshot file '{SnapshotPath}' could not be written; it is tried again at the next change. {Error}")]
    public static partial void SnapshotWriteFailed(ILogger logger, string snapshotPath, string error, Exception exception);

    [LoggerMessage(109, LogLevel.Warning, "Prompt snapshot file '{SnapshotPath}' could not be read, so it is not served; it is written again from what the stores serve. {Error}")]
    public static partial void SnapshotUnreadable(ILogger logger, string snapshotPath, string error, Exception exception);

    [LoggerMessage(120, LogLevel.Debug, "Prompt files in '{Directory}' changed while being read; reading them again in {DelayMs} ms (attempt {Attempt} of {MaxAttempts}).")]
    public static partial void ReloadDeferred(ILogger logger, string directory, double delayMs, int attempt, int maxAttempts);

    [LoggerMessage(121, LogLevel.Error, "Prompt '{PromptName}' in '{Directory}' was not reloaded; its last good versions keep serving. {Error}")]
    public static partial void PromptReloadRefused(ILogger logger, string promptName, string directory, string error);

    [LoggerMessage(122, LogLevel.Error, "Watching the prompt files in '{Directory}' failed; edits are not picked up until the store is created again.")]
    public static partial void WatchFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(123, LogLevel.Error, "Prompts in configuration section '{Section}' failed to reload; the last good prompts keep serving. {Error}")]
    public static partial void ConfigurationReloadFailed(ILogger logger, string section, string error, Exception exception);

    [LoggerMessage(124, LogLevel.Error, "Prompt store {Store} failed to give a change token; its later changes are picked up only as cached prompts expire.")]
    public static partial void StoreWatchFailed(ILogger logger, string store, Exception exception);

    [LoggerMessage(125, LogLevel.Debug, "Prompt '{PromptName}' changed in its store; it will be read again.")]
    public static partial void PromptChanged(ILogger logger, string promptName);
}

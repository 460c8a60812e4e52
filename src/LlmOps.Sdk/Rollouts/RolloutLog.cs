using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Rollouts;

/// <summary>The log messages of guarded rollouts: event IDs 9xx.</summary>
internal static partial class RolloutLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information,
        Message = "Rollout of prompt '{PromptName}' label '{Label}' started: {Percent}% of traffic to version {Candidate}, baseline version {Baseline}.")]
    public static partial void Started(ILogger logger, string promptName, string label, double percent, int candidate, int baseline);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information,
        Message = "Rollout of prompt '{PromptName}' label '{Label}' moved to step {Step}: {Percent}% of traffic to version {Candidate}. Figures: {Figures}.")]
    public static partial void Stepped(ILogger logger, string promptName, string label, int step, double percent, int candidate, string figures);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning,
        Message = "Rollout of prompt '{PromptName}' label '{Label}' halted: version {Candidate} is worse than version {Baseline} on {Worse}; the label is back on version {Baseline}. Figures: {Figures}.")]
    public static partial void Halted(ILogger logger, string promptName, string label, int candidate, int baseline, string worse, string figures);

    [LoggerMessage(EventId = 903, Level = LogLevel.Information,
        Message = "Rollout of prompt '{PromptName}' label '{Label}' completed: the label points at version {Candidate}. Figures: {Figures}.")]
    public static partial void Completed(ILogger logger, string promptName, string label, int candidate, string figures);

    [LoggerMessage(EventId = 904, Level = LogLevel.Warning,
        Message = "Rollout of prompt '{PromptName}' label '{Label}': the label was moved by someone else before this decision was written; following the registry.")]
    public static partial void Conflict(ILogger logger, string promptName, string label, Exception exception);

    [LoggerMessage(EventId = 905, Level = LogLevel.Error, Message = "Reading or driving rollouts failed; the next tick tries again.")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 906, Level = LogLevel.Information,
        Message = "Rollout of prompt '{PromptName}' label '{Label}' is now {State}: {Note}")]
    public static partial void Changed(ILogger logger, string promptName, string label, RolloutState state, string note);

    [LoggerMessage(EventId = 907, Level = LogLevel.Information,
        Message = "This instance ('{Holder}') now decides rollouts; it holds the lease for {Seconds} seconds at a time and renews it every tick.")]
    public static partial void LeaseAcquired(ILogger logger, string holder, double seconds);

    [LoggerMessage(EventId = 908, Level = LogLevel.Warning,
        Message = "This instance ('{Holder}') lost the rollout lease and stops deciding; it follows the labels the holder moves. Check the store's connection if no other instance took over.")]
    public static partial void LeaseLost(ILogger logger, string holder);

    [LoggerMessage(EventId = 909, Level = LogLevel.Warning,
        Message = "This instance ('{Holder}') could not release the rollout lease while stopping; another instance takes over when it expires.")]
    public static partial void LeaseReleaseFailed(ILogger logger, string holder, Exception exception);
}

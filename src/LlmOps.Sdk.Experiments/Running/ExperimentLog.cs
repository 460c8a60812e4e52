using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Experiments;

/// <summary>The experiment runner's log messages: event ids 6xx.</summary>
internal static partial class ExperimentLog
{
    [LoggerMessage(600, LogLevel.Information, "Experiment {ExperimentId} starts: {CaseCount} cases to run, {SkippedCount} already in {ResultsPath}.")]
    public static partial void Starting(ILogger logger, string experimentId, int caseCount, int skippedCount, string resultsPath);

    [LoggerMessage(601, LogLevel.Warning, "Experiment {ExperimentId}: case {ItemId} of candidate {Candidate} (repetition {Repetition}) failed: {ErrorType}.")]
    public static partial void CaseFailed(ILogger logger, string experimentId, string itemId, string candidate, int repetition, string errorType, Exception error);

    [LoggerMessage(602, LogLevel.Error, "Experiment {ExperimentId} stopped: {FailedCount} cases failed, more than the error budget of {Budget}.")]
    public static partial void ErrorBudgetExceeded(ILogger logger, string experimentId, int failedCount, int budget);

    [LoggerMessage(603, LogLevel.Warning, "Experiment {ExperimentId}: evaluator {Evaluator} failed on case {ItemId} of candidate {Candidate}: {ErrorType}.")]
    public static partial void EvaluatorFailed(ILogger logger, string experimentId, string evaluator, string itemId, string candidate, string errorType, Exception error);

    [LoggerMessage(604, LogLevel.Information, "Experiment {ExperimentId} finished: {CompletedCount} cases run, {FailedCount} failed, in {ElapsedSeconds} s.")]
    public static partial void Finished(ILogger logger, string experimentId, int completedCount, int failedCount, double elapsedSeconds);
}

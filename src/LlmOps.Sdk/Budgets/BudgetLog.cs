using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Budgets;

/// <summary>The budget stage's log lines, event IDs 800–849.</summary>
internal static partial class BudgetLog
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Warning,
        Message = "Budget '{Budget}' ({Scope} '{ScopeValue}') has spent {SpentUsd:F6} USD of its {LimitUsd:F6} USD limit for the window that started {WindowStart:u}: past {Threshold:P0}.")]
    public static partial void ThresholdCrossed(
        ILogger logger, string budget, BudgetScope scope, string scopeValue, double spentUsd, double limitUsd, DateTimeOffset windowStart, double threshold);

    [LoggerMessage(EventId = 801, Level = LogLevel.Warning,
        Message = "Budget '{Budget}' refused a call to model '{Model}' estimated at {EstimateUsd:F6} USD: {SpentUsd:F6} of {LimitUsd:F6} USD spent.")]
    public static partial void Refused(ILogger logger, string budget, string model, double estimateUsd, double spentUsd, double limitUsd);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information,
        Message = "Budget '{Budget}' would refuse a call to model '{Model}'; it goes to the fallback model '{FallbackModel}' instead.")]
    public static partial void Rerouted(ILogger logger, string budget, string model, string fallbackModel);

    [LoggerMessage(EventId = 803, Level = LogLevel.Warning,
        Message = "The budget store failed to record the cost of a finished call for budget '{Budget}'; the reservation stands in for it.")]
    public static partial void SettleFailed(ILogger logger, string budget, Exception exception);
}

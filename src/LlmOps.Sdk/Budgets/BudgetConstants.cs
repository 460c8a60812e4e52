namespace LlmOps.Sdk.Budgets;

/// <summary>The budget stage's defaults, limits and telemetry names.</summary>
internal static class BudgetConstants
{
    public const double MinLimitUsd = 0.000001;

    public const double MaxLimitUsd = 1_000_000_000;

    public const int DefaultMaxOutputTokens = 1024;

    /// <summary>What a limit check forgives, so that sums of decimal prices in binary floating point land on the limit.</summary>
    public const double ToleranceUsd = 1e-9;

    /// <summary>The slices a rolling window is counted in: spend leaves the window one slice (a 60th) at a time.</summary>
    public const int RollingSlices = 60;

    /// <summary>How long a shared counter outlives its window, so that a call settling late still finds its reservation.</summary>
    public static readonly TimeSpan SettleGrace = TimeSpan.FromMinutes(10);

    /// <summary>How often, at most, the in-process store looks for counters no window needs any more.</summary>
    public static readonly TimeSpan StoreSweepInterval = TimeSpan.FromMinutes(1);

    public static readonly double[] DefaultWarningThresholds = [0.8, 0.95];

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key of the caller's budget key.</summary>
    public const string KeyProperty = "llmops.budget.key";

    public const string RefusalsMetric = "llmops.budget.refusals";

    public const string WarningsMetric = "llmops.budget.warnings";

    public const string BudgetAttribute = "llmops.budget.name";

    public const string OutcomeAttribute = "llmops.budget.outcome";

    public const string ThresholdAttribute = "llmops.budget.threshold";
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Budgets;

/// <summary>Settings for spend budgets.</summary>
/// <remarks>
/// The budget stage is added to the pipeline only when <see cref="Limits"/> holds a budget. Costs come from the price
/// table in <c>LlmOpsOptions.Telemetry</c>; a call for a model without a price is refused while a budget applies to
/// it, because its spend could not be counted.
/// </remarks>
public sealed class BudgetOptions
{
    /// <summary>Gets or sets the budgets; a call counts against each one whose scope it falls in.</summary>
    /// <value>The default is empty: no budget, and no budget stage.</value>
    [ValidateEnumeratedItems]
    public IList<SpendBudget> Limits { get; set; } = [];

    /// <summary>Gets or sets the fractions of a limit at which a warning is logged and counted, once per crossing.</summary>
    /// <value>Each from 0.01 to 1; <see langword="null"/> (the default) means 0.8 and 0.95.</value>
    public IList<double>? WarningThresholds { get; set; }

    /// <summary>Gets or sets the output tokens a call's estimate assumes when it sets no <see cref="ChatOptions.MaxOutputTokens"/>.</summary>
    /// <value>From 1 to 1,000,000. The default is 1024.</value>
    [Range(1, 1_000_000)]
    public int DefaultMaxOutputTokens { get; set; } = BudgetConstants.DefaultMaxOutputTokens;
}

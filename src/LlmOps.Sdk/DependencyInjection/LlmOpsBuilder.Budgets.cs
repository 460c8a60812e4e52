using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.RateLimits;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk;

/// <summary>Spend budgets and provider rate limits.</summary>
public sealed partial class LlmOpsBuilder
{
    /// <summary>Adds a spend budget: a limit in US dollars per window for the client, a prompt, a model or a caller key.</summary>
    /// <remarks>
    /// Configuration can add budgets too (<c>LlmOps:Budgets:Limits</c>). The models' prices come from the telemetry
    /// price table: add the price of any model the built-in table lacks with <see cref="ConfigureTelemetry"/>.
    /// </remarks>
    /// <param name="configure">Sets the budget, such as <c>b => { b.LimitUsd = 5; b.Window = BudgetWindow.Day; }</c>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddBudget(Action<SpendBudget> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);

        // Configured now, not when options are first read: a mistake in configure surfaces at the call that made it.
        var budget = new SpendBudget();
        configure(budget);
        Services.Configure<LlmOpsOptions>(OptionsName, options => options.Budgets.Limits.Add(budget));
        return this;
    }

    /// <summary>Changes the budgets' settings: warning thresholds, the default output tokens of an estimate.</summary>
    /// <param name="configure">Applied to <see cref="LlmOpsOptions.Budgets"/>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder ConfigureBudgets(Action<BudgetOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<LlmOpsOptions>(OptionsName, options => configure(options.Budgets));
        return this;
    }

    /// <summary>Sets the provider rate limits: requests and tokens per minute for the client and per model, and the wait bound.</summary>
    /// <param name="configure">Applied to <see cref="LlmOpsOptions.RateLimits"/>, such as <c>r => r.RequestsPerMinute = 500</c>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddRateLimits(Action<RateLimitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<LlmOpsOptions>(OptionsName, options => configure(options.RateLimits));
        return this;
    }
}

using System.Globalization;

namespace LlmOps.Sdk.Budgets;

/// <summary>A configured budget with its resolved name, read once when the stage is built.</summary>
internal sealed class BudgetRule
{
    public BudgetRule(SpendBudget budget)
    {
        Budget = budget;
        Name = budget.Name ?? DefaultName(budget);
    }

    public SpendBudget Budget { get; }

    public string Name { get; }

    /// <summary>Returns the prompt, model or key the call is counted under, or <see langword="null"/> when the budget does not apply.</summary>
    public string? ScopeValue(ChatOptions? options, string model)
    {
        var value = Budget.Scope switch
        {
            BudgetScope.Client => "",
            BudgetScope.Prompt => options.GetRenderedPrompt()?.Name,
            BudgetScope.Model => model,
            _ => options.GetBudgetKey(),
        };

        return value is null || (Budget.Scope != BudgetScope.Client && Budget.Match is { } match && !string.Equals(match, value, StringComparison.Ordinal))
            ? null
            : value;
    }

    private static string DefaultName(SpendBudget budget)
    {
        var scope = budget.Scope.ToString().ToLowerInvariant();
        var match = budget.Scope != BudgetScope.Client && budget.Match is { } value ? "-" + value : "";
        var window = budget.Window.ToString().ToLowerInvariant();
        return string.Create(CultureInfo.InvariantCulture, $"{scope}{match}-{window}{(budget.Rolling ? "-rolling" : "")}");
    }
}

namespace LlmOps.Sdk.Budgets;

/// <summary>Settings for spend budgets.</summary>
public sealed class BudgetOptions
{
}

namespace LlmOps.Sdk.Budgets;

/// <summary>Names one counter: a budget, and the prompt, model or key of its scope (empty for the whole client).</summary>
internal readonly record struct BudgetCounterKey(string Budget, string ScopeValue);

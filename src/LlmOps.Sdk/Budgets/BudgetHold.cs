namespace LlmOps.Sdk.Budgets;

/// <summary>One reservation a call holds: against which budget counter, in which slice, how much.</summary>
internal readonly record struct BudgetHold(BudgetRule Rule, BudgetCounterKey Key, BudgetSlot Slot, double AmountUsd);

namespace LlmOps.Sdk.Budgets;

/// <summary>What a spend budget counts: the whole client, or each prompt, model or caller key apart.</summary>
public enum BudgetScope
{
    /// <summary>Every call through the pipeline shares one counter.</summary>
    Client,

    /// <summary>Each prompt has its own counter; a call that renders no prompt is not counted.</summary>
    Prompt,

    /// <summary>Each model has its own counter: the model the call asks for, else the client's default model.</summary>
    Model,

    /// <summary>Each key given with <c>ChatOptions.WithBudgetKey(...)</c> (a tenant, a user) has its own counter; a call without one is not counted.</summary>
    Key,
}

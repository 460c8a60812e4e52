namespace LlmOps.Sdk.Budgets;

/// <summary>A call the budgets let through: the options to send (another model when rerouted) and the reservations it holds.</summary>
internal sealed class BudgetAdmission
{
    public BudgetAdmission(ChatOptions? options, string model, double estimateUsd, BudgetHold[] holds)
    {
        Options = options;
        Model = model;
        EstimateUsd = estimateUsd;
        Holds = holds;
    }

    public ChatOptions? Options { get; }

    public string Model { get; }

    public double EstimateUsd { get; }

    public BudgetHold[] Holds { get; }
}

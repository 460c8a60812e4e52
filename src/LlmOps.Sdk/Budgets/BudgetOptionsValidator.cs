using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Budgets;

/// <summary>Checks <see cref="BudgetOptions"/> against its DataAnnotations, without reflection, and the rules they cannot say.</summary>
[OptionsValidator]
internal sealed partial class BudgetOptionsValidator : IValidateOptions<BudgetOptions>
{
    /// <summary>Throws when <paramref name="options"/> is invalid, naming each bad option and its allowed range.</summary>
    public static void ThrowIfInvalid(BudgetOptions options)
    {
        var failures = new List<string>();
        var result = new BudgetOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            failures.AddRange(result.Failures ?? []);
        }

        AddRuleFailures(options, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(BudgetOptions), failures);
        }
    }

    /// <summary>Adds what the attributes cannot check: the warning thresholds and the fallback model names.</summary>
    public static void AddRuleFailures(BudgetOptions options, List<string> failures)
    {
        foreach (var threshold in options.WarningThresholds ?? [])
        {
            if (!(threshold is >= 0.01 and <= 1))
            {
                failures.Add($"LlmOps:Budgets:WarningThresholds holds {threshold}; each threshold is a fraction of the limit from 0.01 to 1, such as 0.8.");
            }
        }

        for (var i = 0; i < options.Limits.Count; i++)
        {
            if (options.Limits[i] is { FallbackModelId: "" })
            {
                failures.Add($"LlmOps:Budgets:Limits:{i}:FallbackModelId is empty; name a model, or leave it unset to refuse such calls.");
            }
        }
    }
}

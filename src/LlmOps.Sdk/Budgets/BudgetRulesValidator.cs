using LlmOps.Sdk.RateLimits;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Budgets;

/// <summary>Checks the budget and rate-limit rules that DataAnnotations cannot say, in every pipeline's options, when the host starts.</summary>
internal sealed class BudgetRulesValidator : IValidateOptions<LlmOpsOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOpsOptions options)
    {
        var failures = new List<string>();
        BudgetOptionsValidator.AddRuleFailures(options.Budgets, failures);
        RateLimitOptionsValidator.AddModelFailures(options.RateLimits, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Resilience;

/// <summary>Checks the resilience rules that span two options, which DataAnnotations cannot express.</summary>
internal sealed class ResilienceOptionsRulesValidator : IValidateOptions<LlmOpsOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, LlmOpsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Resilience is null)
        {
            return ValidateOptionsResult.Skip; // the [Required] check reports it
        }

        var builder = new ValidateOptionsResultBuilder();
        AddRuleFailures(options.Resilience, "Resilience.", builder);
        return builder.Build();
    }

    /// <summary>Adds a failure for each broken rule, naming the options as <paramref name="prefix"/> + property.</summary>
    public static void AddRuleFailures(ResilienceOptions options, string prefix, ValidateOptionsResultBuilder builder)
    {
        if (options.MaxDelay < options.BaseDelay)
        {
            builder.AddError(string.Create(CultureInfo.InvariantCulture,
                $"{prefix}MaxDelay ({options.MaxDelay}) is shorter than {prefix}BaseDelay ({options.BaseDelay}). " +
                $"Raise MaxDelay or lower BaseDelay."));
        }

        if (options.AttemptTimeout is { } attempt && options.TotalTimeout is { } total && attempt > total)
        {
            builder.AddError(string.Create(CultureInfo.InvariantCulture,
                $"{prefix}AttemptTimeout ({attempt}) is longer than {prefix}TotalTimeout ({total}), so no attempt could " +
                $"ever be retried. Make AttemptTimeout shorter than TotalTimeout, or set one of them to null."));
        }
    }
}

using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Resilience;

/// <summary>Checks <see cref="ResilienceOptions"/> given to the stage directly, without DI.</summary>
[OptionsValidator] // the generated Validate checks the DataAnnotations, without reflection
internal sealed partial class ResilienceOptionsValidator : IValidateOptions<ResilienceOptions>
{
    /// <summary>Throws when <paramref name="options"/> is invalid, naming each bad option and its allowed range.</summary>
    public static void ThrowIfInvalid(ResilienceOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(new ResilienceOptionsValidator().Validate(Options.DefaultName, options));
        ResilienceOptionsRulesValidator.AddRuleFailures(options, prefix: string.Empty, builder);
        var result = builder.Build();
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ResilienceOptions), result.Failures ?? []);
        }
    }
}

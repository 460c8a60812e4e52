using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Checks <see cref="TelemetryOptions"/>, including each entry of its price table, naming the bad model.</summary>
/// <remarks>
/// The generated <see cref="LlmOps.Sdk.DependencyInjection.LlmOpsOptionsValidator"/> cannot look into dictionary
/// values, so the prices are checked here, one entry at a time, with the generated <see cref="ModelPriceValidator"/>.
/// </remarks>
internal sealed class TelemetryOptionsValidator : IValidateOptions<LlmOpsOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, LlmOpsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Telemetry is null ? ValidateOptionsResult.Skip : Validate(options.Telemetry, "Telemetry.");
    }

    /// <summary>Throws when <paramref name="options"/> is invalid, naming each bad option and its allowed range.</summary>
    public static void ThrowIfInvalid(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        foreach (var result in (ReadOnlySpan<ValidateOptionsResult>)[new TelemetryOptionsDataValidator().Validate(Options.DefaultName, options), Validate(options, prefix: string.Empty)])
        {
            if (result.Failed)
            {
                failures.AddRange(result.Failures ?? []);
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TelemetryOptions), failures);
        }
    }

    private static ValidateOptionsResult Validate(TelemetryOptions options, string prefix)
    {
        var builder = new ValidateOptionsResultBuilder();
        var validator = new ModelPriceValidator();
        foreach (var (model, price) in options.Prices)
        {
            var path = $"{prefix}Prices[{model}]";
            if (price is null)
            {
                builder.AddError($"The price of model '{model}' is empty. Set InputPerMillionTokens and OutputPerMillionTokens, or remove the entry.", path);
                continue;
            }

            var result = validator.Validate(path, price);
            if (result.Failed)
            {
                foreach (var failure in result.Failures ?? [])
                {
                    builder.AddError($"{failure} (model '{model}': prices are USD per million tokens)", path);
                }
            }
        }

        return builder.Build();
    }
}

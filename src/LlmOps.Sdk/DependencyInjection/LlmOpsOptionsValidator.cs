using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.DependencyInjection;

/// <summary>Checks <see cref="LlmOpsOptions"/> against its DataAnnotations, without reflection.</summary>
[OptionsValidator]
internal sealed partial class LlmOpsOptionsValidator : IValidateOptions<LlmOpsOptions>
{
    /// <summary>Throws when <paramref name="options"/> is invalid, naming each bad option and its allowed range.</summary>
    public static void ThrowIfInvalid(LlmOpsOptions options)
    {
        var result = new LlmOpsOptionsValidator().Validate(Options.DefaultName, options);
        var prices = new TelemetryOptionsValidator().Validate(Options.DefaultName, options); // dictionary values, which the generator skips
        if (result.Failed || prices.Failed)
        {
            throw new OptionsValidationException(
                Options.DefaultName, typeof(LlmOpsOptions), [.. result.Failures ?? [], .. prices.Failures ?? []]);
        }
    }
}

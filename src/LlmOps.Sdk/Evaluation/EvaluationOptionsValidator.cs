using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Checks <see cref="EvaluationOptions"/> against its DataAnnotations, without reflection.</summary>
[OptionsValidator]
internal sealed partial class EvaluationOptionsValidator : IValidateOptions<EvaluationOptions>
{
    /// <summary>Throws when <paramref name="options"/> is invalid, naming each bad option and its allowed range.</summary>
    public static void ThrowIfInvalid(EvaluationOptions options)
    {
        var result = new EvaluationOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(EvaluationOptions), result.Failures ?? []);
        }
    }
}

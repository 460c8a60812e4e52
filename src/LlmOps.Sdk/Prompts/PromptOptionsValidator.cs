using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Prompts;

/// <summary>Checks <see cref="PromptOptions"/> against its DataAnnotations, without reflection.</summary>
[OptionsValidator]
internal sealed partial class PromptOptionsValidator : IValidateOptions<PromptOptions>
{
    /// <summary>Throws when <paramref name="options"/> is invalid, naming each bad option and its allowed range.</summary>
    public static void ThrowIfInvalid(PromptOptions options)
    {
        var result = new PromptOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PromptOptions), result.Failures ?? []);
        }
    }
}

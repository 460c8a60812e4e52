using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Caching;

/// <summary>Checks <see cref="ResponseCacheOptions"/> against its DataAnnotations, without reflection.</summary>
[OptionsValidator]
internal sealed partial class ResponseCacheOptionsValidator : IValidateOptions<ResponseCacheOptions>
{
    /// <summary>Throws when <paramref name="options"/> is invalid, naming each bad option and its allowed range.</summary>
    public static void ThrowIfInvalid(ResponseCacheOptions options)
    {
        var result = new ResponseCacheOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ResponseCacheOptions), result.Failures ?? []);
        }
    }
}

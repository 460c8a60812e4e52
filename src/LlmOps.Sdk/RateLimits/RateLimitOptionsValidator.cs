using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.RateLimits;

/// <summary>Checks <see cref="RateLimitOptions"/> against its DataAnnotations, without reflection, and each model's limits.</summary>
[OptionsValidator]
internal sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    /// <summary>Throws when <paramref name="options"/> is invalid, naming each bad option and its allowed range.</summary>
    public static void ThrowIfInvalid(RateLimitOptions options)
    {
        var failures = new List<string>();
        var result = new RateLimitOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            failures.AddRange(result.Failures ?? []);
        }

        AddModelFailures(options, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RateLimitOptions), failures);
        }
    }

    /// <summary>Adds the failures of each model's limits, which the generated validator cannot reach in a dictionary, and of the fallback models.</summary>
    public static void AddModelFailures(RateLimitOptions options, List<string> failures)
    {
        if (options.FallbackModelId is { } fallback && string.IsNullOrWhiteSpace(fallback))
        {
            failures.Add("LlmOps:RateLimits:FallbackModelId is empty; name a model, or leave it unset to refuse calls that get no permit.");
        }

        foreach (var (model, limit) in options.Models)
        {
            if (limit is null)
            {
                failures.Add($"LlmOps:RateLimits:Models:{model} is empty; set RequestsPerMinute or TokensPerMinute, or remove it.");
                continue;
            }

            if (limit.FallbackModelId is { } modelFallback)
            {
                if (string.IsNullOrWhiteSpace(modelFallback))
                {
                    failures.Add($"LlmOps:RateLimits:Models:{model}:FallbackModelId is empty; name another model, or leave it unset.");
                }
                else if (string.Equals(modelFallback, model, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"LlmOps:RateLimits:Models:{model}:FallbackModelId is '{modelFallback}', the model itself; name another model, or leave it unset.");
                }
            }

            if (limit.RequestsPerMinute is < 1 or > 100_000_000)
            {
                failures.Add($"LlmOps:RateLimits:Models:{model}:RequestsPerMinute is {limit.RequestsPerMinute}; it must be from 1 to 100,000,000.");
            }

            if (limit.TokensPerMinute is < 1 or > 2_000_000_000)
            {
                failures.Add($"LlmOps:RateLimits:Models:{model}:TokensPerMinute is {limit.TokensPerMinute}; it must be from 1 to 2,000,000,000.");
            }
        }
    }
}

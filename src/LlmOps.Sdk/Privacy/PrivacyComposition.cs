using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Privacy;

/// <summary>Registers and composes the privacy stage for <c>AddLlmOps</c> and <c>UseLlmOps</c>.</summary>
/// <remarks>
/// The stage sits below the prompt stage, the cache and the budgets, and above evaluation and resilience: rendered
/// prompts are protected, and evaluators, their judges, retries and the provider see placeholders, never values.
/// </remarks>
internal static class PrivacyComposition
{
    /// <summary>Registers the services the privacy stage needs, once per pipeline.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void AddServices(IServiceCollection services, object? serviceKey)
    {
        _ = serviceKey; // the validator checks every pipeline's options, keyed or not
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOpsOptions>, PrivacyOptionsValidator>());
    }

    /// <summary>Adds the privacy stage to <paramref name="stages"/> when configured.</summary>
    /// <param name="stages">The pipeline being composed, in pipeline order.</param>
    /// <param name="effective">The pipeline's options.</param>
    /// <param name="services">The services the pipeline is built with.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void Use(ChatClientBuilder stages, LlmOpsOptions effective, IServiceProvider services, object? serviceKey)
    {
        var options = effective.Privacy;
        if (!options.Enabled)
        {
            return; // not added at all: a pipeline without privacy pays nothing for it
        }

        PrivacyOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        stages.Use((innerClient, _) =>

            // A privacy stage already in the chain (written under UseFunctionInvocation(), so that tools get real values)
            // protects every model request; a second one here would hide the caller's values from the tools.
            innerClient.GetService<PrivacyChatClient>() is not null
                ? innerClient
                : PrivacyChatClientBuilderExtensions.Create(innerClient, options, services, serviceKey));
    }
}

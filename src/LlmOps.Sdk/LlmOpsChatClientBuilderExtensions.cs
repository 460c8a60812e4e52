using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk;

/// <summary>Adds the whole LlmOps pipeline to a chat pipeline.</summary>
public static class LlmOpsChatClientBuilderExtensions
{
    /// <summary>Adds every configured LlmOps stage to the pipeline, in pipeline order.</summary>
    /// <remarks>
    /// The order is telemetry, prompts, evaluation, resilience (outermost first): the span covers the whole logical
    /// call and sees the model the prompt chose; evaluation scores the final response once, not each attempt; retries
    /// sit next to the provider, so a retried attempt is not rendered, evaluated or traced as a new call.
    /// A stage that configuration leaves nothing to do is not added at all, so it costs nothing.
    /// </remarks>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">Settings for all stages; when <see langword="null"/>, the registered options are used, else the defaults.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public static ChatClientBuilder UseLlmOps(this ChatClientBuilder builder, LlmOpsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options is not null)
        {
            LlmOpsOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder
            .Use((innerClient, services) => UsePromptsIfConfigured(innerClient, services, options));
    }

    private static IChatClient UsePromptsIfConfigured(IChatClient innerClient, IServiceProvider services, LlmOpsOptions? options)
    {
        // Prompts are configured when a prompt source registered the registry.
        if (services.GetService<IPromptRegistry>() is not { } registry)
        {
            return innerClient;
        }

        var prompts = options?.Prompts ?? services.GetService<IOptions<LlmOpsOptions>>()?.Value.Prompts ?? new();
        return new PromptChatClient(innerClient, registry, prompts);
    }
}

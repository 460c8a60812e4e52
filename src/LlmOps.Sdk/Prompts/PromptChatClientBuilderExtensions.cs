using LlmOps.Sdk;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="PromptChatClient"/> to a chat pipeline.</summary>
public static class PromptChatClientBuilderExtensions
{
    /// <summary>Adds prompt resolution as the next stage of the pipeline.</summary>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="registry">The prompt registry; when <see langword="null"/>, it is resolved from the services.</param>
    /// <param name="options">Settings for this stage; when <see langword="null"/>, the registered options are used.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public static ChatClientBuilder UseLlmOpsPrompts(this ChatClientBuilder builder, IPromptRegistry? registry = null, PromptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options is not null)
        {
            PromptOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder.Use((innerClient, services) =>
        {
            // Locals, not the captured parameters: Build can run once per scope, each time with other services.
            var effectiveRegistry = registry ?? services.GetService<IPromptRegistry>()
                ?? throw new InvalidOperationException(
                    "No IPromptRegistry is available. Call services.AddLlmOps(o => o.AddPromptsFromDirectory(\"prompts\")) or pass a registry to UseLlmOpsPrompts().");
            var effectiveOptions = options ?? services.GetService<IOptions<LlmOpsOptions>>()?.Value.Prompts ?? new();
            return new PromptChatClient(innerClient, effectiveRegistry, effectiveOptions);
        });
    }
}

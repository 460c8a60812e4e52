using LlmOps.Sdk.DependencyInjection;
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
    /// <param name="options">
    /// Settings for all stages; when <see langword="null"/>, the registered <c>IOptions&lt;LlmOpsOptions&gt;</c> are
    /// used (<c>Build(services)</c> provides them), else the defaults.
    /// </param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public static ChatClientBuilder UseLlmOps(this ChatClientBuilder builder, LlmOpsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options is not null)
        {
            LlmOpsOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder.Use((innerClient, services) =>
        {
            // Locals, not the captured parameter: Build can run once per scope, each time with other services.
            var effective = options ?? services.GetService<IOptions<LlmOpsOptions>>()?.Value ?? new LlmOpsOptions();
            var stages = new ChatClientBuilder(innerClient);

            // In the order above. A stage given no explicit options resolves its section from the registered options.
            if (effective.Telemetry.Enabled)
            {
                stages.UseLlmOpsTelemetry(options?.Telemetry);
            }

            stages.UseEvaluation(effective.Evaluation);
            return stages.Build(services);
        });
    }
}

using LlmOps.Sdk;
using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Caching;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Feedback;
using LlmOps.Sdk.Privacy;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Rollouts;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.AI;

/// <summary>Adds the whole LlmOps pipeline to a chat pipeline.</summary>
public static class LlmOpsChatClientBuilderExtensions
{
    /// <summary>Adds every configured LlmOps stage to the pipeline, in pipeline order.</summary>
    /// <remarks>
    /// The order is telemetry, prompts, the feedback index and rollout figures, the response cache, budgets, rate limits,
    /// privacy, evaluation, resilience (outermost first): the span covers the whole logical call, a cache hit included,
    /// and sees the model the prompt chose; a cache hit spends no budget and takes no permit; evaluators see what the
    /// provider sees, placeholders for personal data; evaluation scores the final response once, not each attempt; retries
    /// sit next to the provider, so a retried attempt is not rendered, evaluated or traced as a new call. When the inner
    /// client already has a resilience stage (<c>UseFunctionInvocation().UseLlmOpsResilience()</c>, which retries each
    /// model request of a tool loop), no second one is added; resilience is never put above function invocation,
    /// where a retry would run tools again.
    /// A stage that configuration leaves nothing to do is not added at all, so it costs nothing: telemetry and
    /// resilience are on unless their <c>Enabled</c> option is turned off, evaluation is on when evaluators are
    /// configured, and prompts when a prompt source is registered.
    /// </remarks>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">
    /// Settings for all stages; when <see langword="null"/>, the registered <c>IOptions&lt;LlmOpsOptions&gt;</c> are
    /// used (<c>Build(services)</c> provides them), else the defaults.
    /// </param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    /// <exception cref="InvalidOperationException">When the pipeline is built, resilience would wrap a
    /// <see cref="FunctionInvokingChatClient"/>; the message says how to put it under function invocation.</exception>
    public static ChatClientBuilder UseLlmOps(this ChatClientBuilder builder, LlmOpsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return UseLlmOps(builder, options, serviceKey: null);
    }

    /// <summary>Adds the stages for the chat client registered with <paramref name="serviceKey"/>.</summary>
    internal static ChatClientBuilder UseLlmOps(ChatClientBuilder builder, LlmOpsOptions? options, object? serviceKey)
    {
        if (options is not null)
        {
            LlmOpsOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
            ResilienceOptionsValidator.ThrowIfInvalid(options.Resilience); // and the rules that span two options
        }

        return builder.Use((innerClient, services) =>
        {
            // Read once per Build: options passed here win, else those AddLlmOps registered, else the defaults.
            var registered = options is null ? KeyedPipeline.GetOptions(services, serviceKey) : null;
            var effective = options ?? registered ?? new LlmOpsOptions();
            var stages = new ChatClientBuilder(innerClient);

            // In the order above. A stage given no explicit options resolves its section from the registered options.
            if (effective.Telemetry.Enabled)
            {
                TelemetryChatClientBuilderExtensions.UseLlmOpsTelemetry(stages, options?.Telemetry, serviceKey);
            }

            // Prompts are configured when a prompt source registered the registry (a keyed pipeline's own, for a key).
            if (KeyedPipeline.GetService<IPromptRegistry>(services, serviceKey) is { } registry)
            {
                stages.UseLlmOpsPrompts(registry, effective.Prompts);
            }

            // Below the prompt stage, so that each call is known by its prompt version.
            FeedbackComposition.Use(stages, effective, services, serviceKey);
            RolloutComposition.Use(stages, effective, services, serviceKey);
            ResponseCacheComposition.Use(stages, effective, services, serviceKey);
            CostLimitComposition.Use(stages, effective, services, serviceKey);
            PrivacyComposition.Use(stages, effective, services, serviceKey);

            EvaluationChatClientBuilderExtensions.UseLlmOpsEvaluation(stages, effective.Evaluation, serviceKey);

            // A resilience stage already in the chain (written after UseFunctionInvocation(), or put there by AddLlmOps)
            // retries each model request; a second one here would retry the whole call, tools included.
            if (!ToolLoopGuard.HasResilience(innerClient))
            {
                // Registered options come with the resilience pipeline AddLlmOps registered for this client.
                ResilienceChatClientBuilderExtensions.UseLlmOpsResilience(
                    stages, effective.Resilience, registered is not null ? ResilienceChatClient.GetPipelineName(serviceKey) : null);
            }

            return stages.Build(services);
        });
    }
}

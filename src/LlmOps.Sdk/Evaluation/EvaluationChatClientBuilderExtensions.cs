using LlmOps.Sdk;
using LlmOps.Sdk.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="EvaluationChatClient"/> to a chat pipeline.</summary>
public static class EvaluationChatClientBuilderExtensions
{
    /// <summary>Adds response evaluation as the next stage of the pipeline.</summary>
    /// <remarks>
    /// With no evaluator configured the stage is not added, so it costs nothing. Evaluator types are created from the
    /// services the pipeline is built with; sinks registered as <see cref="IEvaluationSink"/> services are added to those
    /// in the options. With DI, background evaluations share the container's queue, drained when the host stops.
    /// </remarks>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">Settings for this stage; when <see langword="null"/>, the registered <see cref="LlmOpsOptions.Evaluation"/> is used, else the defaults.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public static ChatClientBuilder UseLlmOpsEvaluation(this ChatClientBuilder builder, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options is not null)
        {
            EvaluationOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder.Use((innerClient, services) => Create(innerClient, services, options, random: null));
    }

    /// <summary>Adds the stage for <c>UseLlmOps</c>, whose options are already resolved, with the sinks, queue and cost of the pipeline for <paramref name="serviceKey"/>.</summary>
    internal static ChatClientBuilder UseLlmOpsEvaluation(ChatClientBuilder builder, EvaluationOptions options, object? serviceKey)
    {
        EvaluationOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        return builder.Use((innerClient, services) => Create(innerClient, services, options, random: null, serviceKey));
    }

    internal static IChatClient Create(
        IChatClient innerClient, IServiceProvider services, EvaluationOptions? options, Func<double>? random, object? serviceKey = null)
    {
        // Locals, not the captured parameters: Build can run once per scope, each time with other services.
        var effectiveOptions = options ?? services.GetService<IOptions<LlmOpsOptions>>()?.Value.Evaluation ?? new();
        if (!EvaluationPipelineFactory.HasEvaluators(effectiveOptions))
        {
            return innerClient;
        }

        var pipeline = EvaluationPipelineFactory.Create(
            effectiveOptions,
            services,
            services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            random,
            serviceKey);
        return new EvaluationChatClient(innerClient, pipeline);
    }
}

using Polly;
using Polly.Registry;

namespace LlmOps.Sdk.Resilience;

/// <summary>Finds or adds the stage's named pipeline in Polly's DI registry, one per decorated chat client.</summary>
/// <remarks>
/// One pipeline per chat client, so that each provider has a circuit of its own. A pipeline the user registered under the
/// same name with Polly's <c>AddResiliencePipeline</c>, before or after <c>AddLlmOps</c>, wins; otherwise ours is added to
/// the registry on first use, where <c>ResiliencePipelineProvider&lt;string&gt;</c> finds it.
/// </remarks>
internal static class ResiliencePipelineRegistration
{
    /// <summary>Returns the named pipeline, or <see langword="null"/> when the services have no Polly registry.</summary>
    /// <param name="services">The container.</param>
    /// <param name="pipelineName">The pipeline's name in the registry.</param>
    /// <param name="options">The settings our pipeline is built from, when the registry has none of that name.</param>
    /// <param name="timeProvider">The clock of our pipeline.</param>
    /// <param name="builtFromOptions">Set when this call built the pipeline from <paramref name="options"/>; not set for a
    /// pipeline found in the registry, whose shape is unknown.</param>
    public static ResiliencePipeline? Resolve(
        IServiceProvider services, string pipelineName, ResilienceOptions options, TimeProvider timeProvider, out bool builtFromOptions)
    {
        builtFromOptions = false;
        if (services.GetService(typeof(ResiliencePipelineRegistry<string>)) is not ResiliencePipelineRegistry<string> registry)
        {
            return null;
        }

        if (registry.TryGetPipeline(pipelineName, out var registered))
        {
            return registered;
        }

        var built = false;
        var pipeline = registry.GetOrAddPipeline(pipelineName, (builder, _) =>
        {
            builder.TimeProvider = timeProvider;
            ResiliencePipelineFactory.Configure(builder, options, timeProvider);
            built = true;
        });
        builtFromOptions = built;
        return pipeline;
    }
}

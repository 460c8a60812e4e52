using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;

namespace LlmOps.Sdk.Resilience;

/// <summary>Registers the stage's resilience pipeline in DI, by name, once per decorated chat client.</summary>
/// <remarks>
/// One pipeline per chat client, so that each provider has a circuit of its own. Registered through Polly's
/// <c>AddResiliencePipeline</c>, so users can resolve it through <c>ResiliencePipelineProvider&lt;string&gt;</c>, or replace
/// it with their own registration of the same name made after <c>AddLlmOps</c> (Polly lets the last one win).
/// </remarks>
internal sealed class ResiliencePipelineRegistration
{
    private ResiliencePipelineRegistration(string pipelineName) => PipelineName = pipelineName;

    public string PipelineName { get; }

    public static void Add(IServiceCollection services, object? serviceKey)
    {
        var pipelineName = ResilienceChatClient.GetPipelineName(serviceKey);
        foreach (var descriptor in services)
        {
            if (descriptor.ImplementationInstance is ResiliencePipelineRegistration registered && registered.PipelineName == pipelineName)
            {
                return; // once: a second AddLlmOps must not override a pipeline the user replaced in between
            }
        }

        services.AddSingleton(new ResiliencePipelineRegistration(pipelineName));
        services.AddResiliencePipeline(pipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Resilience;
            var timeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            pipeline.TimeProvider = timeProvider;
            ResiliencePipelineFactory.Configure(pipeline, options, timeProvider);
        });
    }
}

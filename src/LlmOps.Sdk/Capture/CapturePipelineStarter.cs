using LlmOps.Sdk.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmOps.Sdk.Capture;

/// <summary>Builds a pipeline's capture when the host starts, so that a missing registry database stops the start.</summary>
internal sealed class CapturePipelineStarter(IServiceProvider services, object? serviceKey) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = serviceKey is null
            ? services.GetRequiredService<FeedbackPipeline>()
            : services.GetRequiredKeyedService<FeedbackPipeline>(serviceKey);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask; // CaptureHost drains the queue
}

using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Benchmarks.Feedback;

/// <summary>Builds a feedback pipeline with capture, as <c>CaptureToDataset</c> does, without the rest of the pipeline.</summary>
internal static class CaptureSetup
{
    public static FeedbackPipeline Create(double samplingRate, string path)
    {
        var services = new ServiceCollection();
        services.AddOptions();
        services.Configure<FeedbackOptions>(o =>
        {
            o.Enabled = true;
            o.Capture = new CaptureOptions { Path = path, SamplingRate = samplingRate, QueueCapacity = 100_000 };
        });
        return FeedbackPipeline.Create(services.BuildServiceProvider(), serviceKey: null);
    }
}

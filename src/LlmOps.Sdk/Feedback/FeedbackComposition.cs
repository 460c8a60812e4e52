using LlmOps.Sdk.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlmOps.Sdk.Feedback;

/// <summary>Registers and composes the recent-call index that feedback resolves against for <c>AddLlmOps</c> and <c>UseLlmOps</c>.</summary>
internal static class FeedbackComposition
{
    /// <summary>Registers the services the recent-call index that feedback resolves against needs, once per pipeline.</summary>
    /// <remarks>
    /// Always registered, and cheap until used: <see cref="IChatFeedback"/> answers even when the pipeline keeps no recent
    /// calls (with a result that says how to turn them on), so that a controller that injects it never fails to start.
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void AddServices(IServiceCollection services, object? serviceKey)
    {
        if (serviceKey is null)
        {
            services.TryAddSingleton(static services => FeedbackPipeline.Create(services, serviceKey: null));
            services.TryAddSingleton<IChatFeedback>(static services => ChatFeedbackRecorder.Create(services, serviceKey: null));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, static (services, key) => FeedbackPipeline.Create(services, key));
            services.TryAddKeyedSingleton<IChatFeedback>(serviceKey, static (services, key) => ChatFeedbackRecorder.Create(services, key));
        }
    }

    /// <summary>Adds the recent-call index that feedback resolves against to <paramref name="stages"/> when configured.</summary>
    /// <param name="stages">The pipeline being composed, in pipeline order.</param>
    /// <param name="effective">The pipeline's options.</param>
    /// <param name="services">The services the pipeline is built with.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void Use(ChatClientBuilder stages, LlmOpsOptions effective, IServiceProvider services, object? serviceKey)
    {
        _ = effective;

        // Feedback and capture are turned on by AddFeedback, CaptureToDataset and CaptureToRegistry; without them the stage costs nothing.
        if (KeyedPipeline.GetService<FeedbackPipeline>(services, serviceKey) is { Index: { } index } pipeline)
        {
            stages.Use(innerClient => new FeedbackChatClient(innerClient, index, pipeline.Capture));
        }
    }
}

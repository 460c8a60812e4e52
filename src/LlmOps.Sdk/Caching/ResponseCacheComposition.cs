using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Caching;

/// <summary>Registers and composes the response cache stage for <c>AddLlmOps</c> and <c>UseLlmOps</c>.</summary>
internal static class ResponseCacheComposition
{
    /// <summary>Registers the services the response cache stage needs, once per pipeline.</summary>
    /// <remarks>
    /// The <see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache"/> is the host's, shared by every pipeline: its
    /// keys carry the provider and the model, and a host that registers an <c>IDistributedCache</c> (Redis) gets the
    /// second level for free. Registration only: nothing is created until a pipeline with the cache enabled is built.
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void AddServices(IServiceCollection services, object? serviceKey)
    {
        _ = serviceKey;
        services.AddHybridCache();
    }

    /// <summary>Adds the response cache stage to <paramref name="stages"/> when configured.</summary>
    /// <param name="stages">The pipeline being composed, in pipeline order.</param>
    /// <param name="effective">The pipeline's options.</param>
    /// <param name="services">The services the pipeline is built with.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void Use(ChatClientBuilder stages, LlmOpsOptions effective, IServiceProvider services, object? serviceKey)
    {
        _ = services;
        if (effective.Cache.Enabled)
        {
            ResponseCacheChatClientBuilderExtensions.UseLlmOpsCache(stages, effective.Cache, cache: null, serviceKey);
        }
    }
}

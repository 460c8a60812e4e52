using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Caching;

/// <summary>Registers and composes the response cache stage for <c>AddLlmOps</c> and <c>UseLlmOps</c>.</summary>
internal static class ResponseCacheComposition
{
    /// <summary>Registers the services the response cache stage needs, once per pipeline: none.</summary>
    /// <remarks>
    /// The <see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache"/> is registered by <c>AddResponseCache()</c>, not
    /// here: <c>AddHybridCache()</c> brings HybridCache's reflection-based JSON serializer factory, whose trim warnings
    /// a native AOT publish then reports (the stage never asks it for a serializer: it stores bytes), so a host that
    /// never asks for the cache must not reach it. A host that turns the cache on from
    /// configuration alone registers it with <c>services.AddHybridCache()</c>; the stage says so when it is missing.
    /// </remarks>
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
        _ = services;
        if (effective.Cache.Enabled)
        {
            ResponseCacheChatClientBuilderExtensions.UseLlmOpsCache(stages, effective.Cache, cache: null, serviceKey);
        }
    }
}

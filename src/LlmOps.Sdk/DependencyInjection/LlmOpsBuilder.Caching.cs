using Microsoft.Extensions.DependencyInjection;
using LlmOps.Sdk.Caching;

namespace LlmOps.Sdk;

/// <summary>The response cache part of <see cref="LlmOpsBuilder"/>.</summary>
public sealed partial class LlmOpsBuilder
{
    /// <summary>Adds the response cache to the pipeline: opted-in calls are answered from a <c>HybridCache</c>.</summary>
    /// <remarks>
    /// Calls are cached when their prompt's file says <c>cache:</c> or their options say <c>WithCache()</c> (or every call,
    /// with <see cref="ResponseCacheOptions.CacheAllCalls"/>). Answers are kept in memory; register an
    /// <c>IDistributedCache</c>, such as <c>services.AddStackExchangeRedisCache(...)</c>, and they are shared through it too.
    /// </remarks>
    /// <param name="configure">Changes durations, what is cached and the key prefix; applied to <see cref="LlmOpsOptions.Cache"/>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddResponseCache(Action<ResponseCacheOptions>? configure = null)
    {
        // The host's HybridCache, shared by every pipeline: its keys carry the provider and the model.
        Services.AddHybridCache();
        Services.Configure<LlmOpsOptions>(OptionsName, options =>
        {
            options.Cache.Enabled = true;
            configure?.Invoke(options.Cache);
        });
        return this;
    }
}

using LlmOps.Sdk.Caching;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="ResponseCacheChatClient"/> to a chat pipeline.</summary>
public static class ResponseCacheChatClientBuilderExtensions
{
    /// <summary>Adds the response cache as the next stage of the pipeline.</summary>
    /// <remarks>
    /// Put it below the telemetry and prompt stages, so that a hit is traced and keyed by the rendered prompt, and above
    /// budgets, rate limits, privacy and resilience, so that a hit spends nothing and its key is built from the real
    /// messages (hashed, never stored). <c>UseLlmOps()</c> puts it there. An answer larger than the registered
    /// <see cref="HybridCacheOptions.MaximumPayloadBytes"/> (1 MB by default) is not stored, and is counted on
    /// <c>llmops.cache.skipped</c>.
    /// </remarks>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">Settings for this stage; when <see langword="null"/>, the registered options' <c>Cache</c> section, else the defaults.</param>
    /// <param name="cache">Where answers are kept; when <see langword="null"/>, the registered <see cref="HybridCache"/> (<c>services.AddHybridCache()</c>).</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    /// <exception cref="InvalidOperationException">When the pipeline is built, no <paramref name="cache"/> is given and none is registered.</exception>
    public static ChatClientBuilder UseLlmOpsCache(this ChatClientBuilder builder, ResponseCacheOptions? options = null, HybridCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return UseLlmOpsCache(builder, options, cache, serviceKey: null);
    }

    internal static ChatClientBuilder UseLlmOpsCache(ChatClientBuilder builder, ResponseCacheOptions? options, HybridCache? cache, object? serviceKey)
    {
        if (options is not null)
        {
            ResponseCacheOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder.Use((innerClient, services) =>
        {
            // Locals, not the captured parameters: Build can run once per scope, each time with other services.
            var effectiveCache = cache ?? KeyedPipeline.GetService<HybridCache>(services, serviceKey) ?? services.GetService<HybridCache>()
                ?? throw new InvalidOperationException(
                    "The response cache has no HybridCache. Call services.AddLlmOps(llmops => llmops.AddResponseCache()), or " +
                    "services.AddHybridCache(), or pass a cache to UseLlmOpsCache().");
            var effectiveOptions = options ?? KeyedPipeline.GetOptions(services, serviceKey)?.Cache ?? new();
            var meter = services.GetService<LlmOpsInstrumentation>()?.Meter;
            return new ResponseCacheChatClient(
                innerClient,
                effectiveCache,
                effectiveOptions,
                services.GetService<TimeProvider>(),
                KeyedPipeline.GetService<ModelPriceTable>(services, serviceKey),
                meter is null ? null : new ResponseCacheMetrics(meter),
                services.GetService<IOptions<HybridCacheOptions>>()?.Value.MaximumPayloadBytes, // the limit AddHybridCache's cache applies
                services.GetService<ILoggerFactory>()?.CreateLogger<ResponseCacheChatClient>());
        });
    }
}

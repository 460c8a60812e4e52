using LlmOps.Sdk.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Budgets;

/// <summary>Registers and composes the budget and rate-limit stages for <c>AddLlmOps</c> and <c>UseLlmOps</c>.</summary>
/// <remarks>
/// Below the cache, so that a cached answer costs no budget and no permit; above privacy, evaluation and resilience,
/// so that a call is counted once however often it is retried, and a refused call costs nothing below. The budget
/// comes first: a call it refuses takes no rate-limit permit.
/// </remarks>
internal static class CostLimitComposition
{
    /// <summary>Registers the services the budget and rate-limit stages need, once per pipeline.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void AddServices(IServiceCollection services, object? serviceKey)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOpsOptions>, BudgetRulesValidator>());

        // One counter store and one set of limiters per pipeline, so that every client it builds shares them.
        if (serviceKey is null)
        {
            services.TryAddSingleton<IBudgetStore, InMemoryBudgetStore>();
            services.TryAddSingleton(static sp => RateLimitChatClientBuilderExtensions.CreateLimiters(
                sp.GetRequiredService<IOptions<LlmOpsOptions>>().Value.RateLimits, sp));
        }
        else
        {
            services.TryAddKeyedSingleton<IBudgetStore, InMemoryBudgetStore>(serviceKey);
            services.TryAddKeyedSingleton(serviceKey, static (sp, key) => RateLimitChatClientBuilderExtensions.CreateLimiters(
                KeyedPipeline.GetOptions(sp, key)!.RateLimits, sp)); // AddLlmOps registered the key's options
        }
    }

    /// <summary>Adds the budget and rate-limit stages to <paramref name="stages"/> when configured.</summary>
    /// <param name="stages">The pipeline being composed, in pipeline order.</param>
    /// <param name="effective">The pipeline's options.</param>
    /// <param name="services">The services the pipeline is built with.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void Use(ChatClientBuilder stages, LlmOpsOptions effective, IServiceProvider services, object? serviceKey)
    {
        _ = services;
        if (effective.Budgets.Limits.Count > 0)
        {
            stages.Use((innerClient, provider) =>
                BudgetChatClientBuilderExtensions.Create(innerClient, provider, effective.Budgets, effective.Telemetry, serviceKey));
        }

        var limits = effective.RateLimits;
        if (limits.RequestsPerMinute is not null || limits.TokensPerMinute is not null || limits.Models.Count > 0)
        {
            stages.Use((innerClient, provider) => RateLimitChatClientBuilderExtensions.Create(innerClient, provider, limits, serviceKey));
        }
    }
}

using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Rollouts;

/// <summary>Registers and composes the stage that feeds rollouts their per-version figures for <c>AddLlmOps</c> and <c>UseLlmOps</c>.</summary>
internal static class RolloutComposition
{
    /// <summary>Registers the services the stage that feeds rollouts their per-version figures needs, once per pipeline.</summary>
    /// <remarks>Nothing: <c>AddRollouts</c> registers them, and without it there is no stage.</remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void AddServices(IServiceCollection services, object? serviceKey)
    {
        _ = services;
        _ = serviceKey;
    }

    /// <summary>Adds the stage that feeds rollouts their per-version figures to <paramref name="stages"/> when configured.</summary>
    /// <remarks>
    /// Only when <c>AddRollouts</c> registered the figures; otherwise the pipeline has no rollout stage at all. Placed
    /// below the prompt stage, which chooses the version, and above the cache, budgets, privacy, evaluation and
    /// resilience, so that it times and counts the call as the caller sees it, errors after retries included.
    /// </remarks>
    /// <param name="stages">The pipeline being composed, in pipeline order.</param>
    /// <param name="effective">The pipeline's options.</param>
    /// <param name="services">The services the pipeline is built with.</param>
    /// <param name="serviceKey">The pipeline's key, or <see langword="null"/> for the unkeyed one.</param>
    public static void Use(ChatClientBuilder stages, LlmOpsOptions effective, IServiceProvider services, object? serviceKey)
    {
        _ = serviceKey; // one set of figures for every pipeline: a rollout is about a prompt, whichever client serves it
        if (services.GetService<RolloutFigures>() is not { } figures)
        {
            return;
        }

        var prices = new ModelPriceTable(effective.Telemetry);
        var time = services.GetService<TimeProvider>();
        stages.Use(inner => new RolloutChatClient(inner, figures, prices, time));
    }
}

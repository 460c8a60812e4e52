using System.Diagnostics.Metrics;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Rollouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk;

public sealed partial class LlmOpsBuilder
{
    /// <summary>Adds guarded rollouts: <see cref="IPromptRollouts"/>, the figures the pipeline feeds, and the controller that drives them.</summary>
    /// <remarks>
    /// Needs a writable prompt store: an <see cref="IPromptAdmin"/> service, or a prompt store that is one (the in-memory,
    /// SQLite and PostgreSQL stores are). The controller is a hosted service; it ticks on the host's
    /// <see cref="TimeProvider"/>. On a store shared by a fleet (PostgreSQL), the instances compete for a lease in the
    /// store: its holder decides, the others follow the label.
    /// </remarks>
    /// <param name="configure">Changes the controller's settings.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentException">A setting is out of its range; the message names it.</exception>
    public LlmOpsBuilder AddRollouts(Action<RolloutOptions>? configure = null)
    {
        var options = new RolloutOptions();
        configure?.Invoke(options);
        if (options.TickInterval < TimeSpan.FromSeconds(1) || options.TickInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentException(
                $"RolloutOptions.TickInterval is {options.TickInterval}; it must be from 1 second to 1 hour (15 seconds is the default).", nameof(configure));
        }

        if (options.LeaseDuration is { } lease && (lease < options.TickInterval * 2 || lease > TimeSpan.FromDays(1)))
        {
            throw new ArgumentException(
                $"RolloutOptions.LeaseDuration is {lease}; it must be from twice TickInterval ({options.TickInterval * 2}) to 1 day. Leave it unset for three times TickInterval.", nameof(configure));
        }

        if (string.IsNullOrWhiteSpace(options.Actor))
        {
            throw new ArgumentException("RolloutOptions.Actor is empty; name who the controller's label changes are recorded under, such as llmops-rollout.", nameof(configure));
        }

        Services.TryAddSingleton<RolloutFigures>();
        Services.TryAddEnumerable(ServiceKey is null
            ? ServiceDescriptor.Singleton<IEvaluationSink, RolloutEvaluationSink>()
            : ServiceDescriptor.KeyedSingleton<IEvaluationSink, RolloutEvaluationSink>(ServiceKey));
        Services.TryAddSingleton(sp => new PromptRollouts(
            ResolveAdmin(sp),
            sp.GetRequiredService<RolloutFigures>(),
            sp.GetService<TimeProvider>(),
            options.Actor,
            sp.GetService<ILoggerFactory>()?.CreateLogger("LlmOps.Sdk.Rollouts"),
            new RolloutTelemetry(sp.GetService<IMeterFactory>())));
        Services.TryAddSingleton<IPromptRollouts>(static sp => sp.GetRequiredService<PromptRollouts>());
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RolloutController>(sp => new RolloutController(
            ResolveAdmin(sp),
            sp.GetRequiredService<PromptRollouts>(),
            sp.GetRequiredService<RolloutFigures>(),
            options,
            sp.GetService<ILoggerFactory>()?.CreateLogger("LlmOps.Sdk.Rollouts"),
            ResolveLease(sp))));
        return this;
    }

    // The store that records the rollouts also says who decides them: a fleet's shared store hands out its lease.
    private static IRolloutLease ResolveLease(IServiceProvider services) =>
        services.GetService<IRolloutLease>()
        ?? (ResolveAdmin(services) as IRolloutLeaseProvider)?.CreateRolloutLease()
        ?? InProcessRolloutLease.Instance;

    private static IPromptAdmin ResolveAdmin(IServiceProvider services) =>
        services.GetService<IPromptAdmin>()
        ?? services.GetServices<IPromptStore>().OfType<IPromptAdmin>().FirstOrDefault()
        ?? throw new InvalidOperationException(
            "Guarded rollouts need a writable prompt store, where the rollout's state and label moves are recorded. Register an IPromptAdmin (SqlitePromptStore, PostgreSqlPromptStore) or add prompts with AddPrompts(store => ...) before AddRollouts().");
}

using System.Diagnostics.Metrics;
using LlmOps.Sdk;
using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="BudgetChatClient"/> to a chat pipeline.</summary>
public static class BudgetChatClientBuilderExtensions
{
    // Without DI there is no IMeterFactory to own a meter: one process-wide meter serves every stage built by hand.
    private static readonly Meter SharedMeter = new(LlmOpsTelemetry.SourceName);

    /// <summary>Adds spend budgets as the next stage of the pipeline.</summary>
    /// <remarks>
    /// With no budget configured the stage is not added, so it costs nothing. Counters live in the registered budget
    /// store (in process unless <c>UseRedisBudgets</c> shares them), else in a store of this stage's own; prices come
    /// from the registered price table, else from <paramref name="prices"/>, else the built-in prices.
    /// </remarks>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">The budgets; when <see langword="null"/>, the registered <see cref="LlmOpsOptions.Budgets"/>.</param>
    /// <param name="prices">The prices of the models, when no price table is registered.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public static ChatClientBuilder UseLlmOpsBudgets(this ChatClientBuilder builder, BudgetOptions? options = null, TelemetryOptions? prices = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options is not null)
        {
            BudgetOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder.Use((innerClient, services) => Create(innerClient, services, options, prices, serviceKey: null));
    }

    /// <summary>Creates the stage for the pipeline of <paramref name="serviceKey"/>, or returns <paramref name="innerClient"/> when no budget is configured.</summary>
    internal static IChatClient Create(
        IChatClient innerClient, IServiceProvider services, BudgetOptions? options, TelemetryOptions? prices, object? serviceKey)
    {
        // Locals, not the captured parameters: Build can run once per scope, each time with other services.
        var registered = options is null || prices is null ? KeyedPipeline.GetOptions(services, serviceKey) : null;
        var effective = options ?? registered?.Budgets ?? new BudgetOptions();
        if (effective.Limits.Count == 0)
        {
            return innerClient;
        }

        var guard = new BudgetGuard(
            effective,
            KeyedPipeline.GetService<IBudgetStore>(services, serviceKey) ?? new InMemoryBudgetStore(),
            KeyedPipeline.GetService<ModelPriceTable>(services, serviceKey) ?? new ModelPriceTable(prices ?? registered?.Telemetry ?? new TelemetryOptions()),
            services.GetService<ITokenCounter>() ?? CharacterTokenCounter.Instance,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<ILoggerFactory>()?.CreateLogger<BudgetChatClient>() ?? (ILogger)NullLogger.Instance,
            services.GetService<IMeterFactory>()?.Create(LlmOpsTelemetry.SourceName) ?? SharedMeter);
        return new BudgetChatClient(innerClient, guard);
    }
}

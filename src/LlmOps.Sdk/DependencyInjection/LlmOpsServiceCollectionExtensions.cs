using System.Diagnostics.Metrics;
using LlmOps.Sdk;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Telemetry.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the LlmOps pipeline around a registered <see cref="IChatClient"/>.</summary>
public static class LlmOpsServiceCollectionExtensions
{
    /// <summary>Wraps the registered <see cref="IChatClient"/> in the LlmOps pipeline.</summary>
    /// <remarks>
    /// Call it after <c>AddChatClient</c>. Calling it again changes options but does not wrap the client twice.
    /// Options are validated when the host starts.
    /// </remarks>
    /// <param name="services">The services of the host.</param>
    /// <param name="configure">Adds prompts, evaluators and settings to the pipeline.</param>
    /// <returns>The same <paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="IChatClient"/> is registered yet.</exception>
    public static IServiceCollection AddLlmOps(this IServiceCollection services, Action<LlmOpsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddLlmOpsCore(services, serviceKey: null, configuration: null, configure);
    }

    /// <summary>Wraps the registered <see cref="IChatClient"/> in the LlmOps pipeline, with options bound from configuration.</summary>
    /// <param name="services">The services of the host.</param>
    /// <param name="configuration">The section to bind <see cref="LlmOpsOptions"/> from, usually <c>configuration.GetSection("LlmOps")</c>.</param>
    /// <param name="configure">Adds prompts, evaluators and settings to the pipeline; applied after binding.</param>
    /// <returns>The same <paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="IChatClient"/> is registered yet.</exception>
    public static IServiceCollection AddLlmOps(
        this IServiceCollection services, IConfiguration configuration, Action<LlmOpsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddLlmOpsCore(services, serviceKey: null, configuration, configure);
    }

    /// <summary>Wraps the <see cref="IChatClient"/> registered with <paramref name="serviceKey"/> in the LlmOps pipeline.</summary>
    /// <remarks>Other chat client registrations, keyed or not, stay as they are.</remarks>
    /// <param name="services">The services of the host.</param>
    /// <param name="serviceKey">The key the chat client was registered with through <c>AddKeyedChatClient</c>.</param>
    /// <param name="configure">Adds prompts, evaluators and settings to the pipeline.</param>
    /// <returns>The same <paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="IChatClient"/> is registered with that key yet.</exception>
    public static IServiceCollection AddKeyedLlmOps(
        this IServiceCollection services, object serviceKey, Action<LlmOpsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceKey);
        return AddLlmOpsCore(services, serviceKey, configuration: null, configure);
    }

    private static IServiceCollection AddLlmOpsCore(
        IServiceCollection services, object? serviceKey, IConfiguration? configuration, Action<LlmOpsBuilder>? configure)
    {
        AddOptions(services, configuration);
        AddTelemetry(services);
        AddEvaluation(services);
        AddResilience(services);
        configure?.Invoke(new LlmOpsBuilder(services, serviceKey));
        ChatClientDecorator.Decorate(services, serviceKey); // once, even when AddLlmOps is called twice
        return services;
    }

    private static void AddOptions(IServiceCollection services, IConfiguration? configuration)
    {
        var options = services.AddOptions<LlmOpsOptions>().ValidateOnStart();
        if (configuration is not null)
        {
#pragma warning disable SYSLIB1100, SYSLIB1101 // Evaluators and Sinks hold objects, added in code, never bound; the generated binder skips them
            options.Bind(configuration);
#pragma warning restore SYSLIB1100, SYSLIB1101
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOpsOptions>, LlmOpsOptionsValidator>());
    }

    private static void AddTelemetry(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOpsOptions>, TelemetryOptionsValidator>());
        services.TryAddSingleton(static sp => new LlmOpsInstrumentation(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(static sp => new ModelPriceTable(sp.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Telemetry));
        services.TryAddSingleton<IRedactor>(PiiRedactor.Instance);
    }

    private static void AddEvaluation(IServiceCollection services)
    {
        // One background queue per container, created on first use and drained when the host stops.
        services.TryAddSingleton<EvaluationQueueHost>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EvaluationQueueHost>(
            static services => services.GetRequiredService<EvaluationQueueHost>()));

        // Evaluators see the same cost the telemetry stage records, from the same price table.
        services.TryAddSingleton<CostEstimator>(static services =>
        {
            var prices = services.GetRequiredService<ModelPriceTable>();
            return (response, options) =>
                prices.TryGetCostUsd(response.ModelId ?? options?.ModelId, response.Usage, out var cost) ? cost : null;
        });
    }

    private static void AddResilience(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOpsOptions>, ResilienceOptionsRulesValidator>());
        services.AddResiliencePipelineRegistry<string>(); // where each client's named pipeline lives; a user's of the same name wins
    }
}

using System.Diagnostics.Metrics;
using LlmOps.Sdk;
using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Caching;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Feedback;
using LlmOps.Sdk.Privacy;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Rollouts;
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

    /// <summary>Wraps the <see cref="IChatClient"/> registered with <paramref name="serviceKey"/> in a pipeline of its own.</summary>
    /// <remarks>
    /// Other chat client registrations, keyed or not, stay as they are. Each key is its own pipeline: its options are the
    /// named <see cref="LlmOpsOptions"/> whose name is the key as text (<see cref="LlmOpsBuilder.OptionsName"/>), and its
    /// evaluators, sinks, prompt sources, price table and resilience pipeline (with its circuit breaker) belong to it
    /// alone. Keys whose text is the same share these, so give each pipeline a key of its own.
    /// </remarks>
    /// <param name="services">The services of the host.</param>
    /// <param name="serviceKey">The key the chat client was registered with through <c>AddKeyedChatClient</c>.</param>
    /// <param name="configure">Adds prompts, evaluators and settings to the pipeline.</param>
    /// <returns>The same <paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="serviceKey"/> is empty as text.</exception>
    /// <exception cref="InvalidOperationException">No <see cref="IChatClient"/> is registered with that key yet.</exception>
    public static IServiceCollection AddKeyedLlmOps(
        this IServiceCollection services, object serviceKey, Action<LlmOpsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ThrowIfNoName(serviceKey);
        return AddLlmOpsCore(services, serviceKey, configuration: null, configure);
    }

    /// <summary>Wraps the <see cref="IChatClient"/> registered with <paramref name="serviceKey"/> in a pipeline of its own, with options bound from configuration.</summary>
    /// <remarks>
    /// As <see cref="AddKeyedLlmOps(IServiceCollection, object, Action{LlmOpsBuilder}?)"/>; the key's named options are
    /// bound from <paramref name="configuration"/> and validated when the host starts.
    /// </remarks>
    /// <param name="services">The services of the host.</param>
    /// <param name="serviceKey">The key the chat client was registered with through <c>AddKeyedChatClient</c>.</param>
    /// <param name="configuration">The section to bind this key's <see cref="LlmOpsOptions"/> from, such as <c>configuration.GetSection("LlmOps:Fast")</c>.</param>
    /// <param name="configure">Adds prompts, evaluators and settings to the pipeline; applied after binding.</param>
    /// <returns>The same <paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="serviceKey"/> is empty as text.</exception>
    /// <exception cref="InvalidOperationException">No <see cref="IChatClient"/> is registered with that key yet.</exception>
    public static IServiceCollection AddKeyedLlmOps(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<LlmOpsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ThrowIfNoName(serviceKey);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddLlmOpsCore(services, serviceKey, configuration, configure);
    }

    private static void ThrowIfNoName(object serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        if (KeyedPipeline.OptionsName(serviceKey).Length == 0)
        {
            // The key's text names its options; an empty name is the unkeyed pipeline's.
            throw new ArgumentException(
                "The service key is empty as text, so its options would be the unkeyed pipeline's. Register the chat client " +
                "and call AddKeyedLlmOps with a key whose ToString() is not empty, such as \"fast\".", nameof(serviceKey));
        }
    }

    private static IServiceCollection AddLlmOpsCore(
        IServiceCollection services, object? serviceKey, IConfiguration? configuration, Action<LlmOpsBuilder>? configure)
    {
        var optionsName = KeyedPipeline.OptionsName(serviceKey);
        AddOptions(services, optionsName, configuration);
        AddTelemetry(services, serviceKey);
        AddEvaluation(services, serviceKey);
        AddResilience(services);
        FeedbackComposition.AddServices(services, serviceKey);
        RolloutComposition.AddServices(services, serviceKey);
        ResponseCacheComposition.AddServices(services, serviceKey);
        CostLimitComposition.AddServices(services, serviceKey);
        PrivacyComposition.AddServices(services, serviceKey);
        configure?.Invoke(new LlmOpsBuilder(services, serviceKey));
        ChatClientDecorator.Decorate(services, serviceKey); // once, even when AddLlmOps is called twice
        return services;
    }

    private static void AddOptions(IServiceCollection services, string optionsName, IConfiguration? configuration)
    {
        // Validators run for every name; ValidateOnStart is per name, so each keyed pipeline is checked at start too.
        var options = services.AddOptions<LlmOpsOptions>(optionsName).ValidateOnStart();
        if (configuration is not null)
        {
#pragma warning disable SYSLIB1100, SYSLIB1101 // Evaluators and Sinks hold objects, added in code, never bound; the generated binder skips them
            options.Bind(configuration);
#pragma warning restore SYSLIB1100, SYSLIB1101
            AddConfigurationKeyCheck(services, optionsName, configuration);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOpsOptions>, LlmOpsOptionsValidator>());
    }

    private static void AddConfigurationKeyCheck(IServiceCollection services, string optionsName, IConfiguration configuration)
    {
        // A section's keys are all ours, so a key no option reads is a typo; a root holds the whole application's settings.
        if (configuration is not IConfigurationSection section)
        {
            return;
        }

        // Once per name and section, so that binding the same section twice does not report each typo twice.
        if (!services.Any(d => d.ImplementationInstance is LlmOpsConfigurationBinding bound
            && bound.OptionsName == optionsName && string.Equals(bound.Section.Path, section.Path, StringComparison.OrdinalIgnoreCase)))
        {
            services.AddSingleton(new LlmOpsConfigurationBinding(optionsName, section));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOpsOptions>, UnknownConfigurationKeysValidator>());
    }

    private static void AddTelemetry(IServiceCollection services, object? serviceKey)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOpsOptions>, TelemetryOptionsValidator>());
        services.TryAddSingleton(static sp => new LlmOpsInstrumentation(sp.GetService<IMeterFactory>()));
        if (serviceKey is null)
        {
            services.TryAddSingleton(static sp => new ModelPriceTable(sp.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Telemetry));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, static (sp, key) => new ModelPriceTable(KeyedPipeline.GetOptions(sp, key)!.Telemetry)); // AddOptions registered them
        }

        services.TryAddSingleton<IRedactor>(PiiRedactor.Instance);
    }

    private static void AddEvaluation(IServiceCollection services, object? serviceKey)
    {
        // One background queue per pipeline, created on first use and drained when the host stops.
        services.TryAddSingleton<EvaluationQueueHost>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EvaluationQueueHost>(
            static services => services.GetRequiredService<EvaluationQueueHost>()));

        // Evaluators see the same cost the telemetry stage records, from the same price table.
        if (serviceKey is null)
        {
            services.TryAddSingleton(static services => CostFrom(services.GetRequiredService<ModelPriceTable>()));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, static (services, key) => CostFrom(services.GetRequiredKeyedService<ModelPriceTable>(key)));
        }
    }

    private static CostEstimator CostFrom(ModelPriceTable prices) => (response, options) =>
        prices.TryGetCostUsd(response.ModelId ?? options?.ModelId, response.Usage, out var cost) ? cost : null;

    private static void AddResilience(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOpsOptions>, ResilienceOptionsRulesValidator>());
        services.AddResiliencePipelineRegistry<string>(); // where each client's named pipeline lives; a user's of the same name wins
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Polly.Telemetry.TelemetryOptions>, PollyTelemetrySetup>());
    }
}

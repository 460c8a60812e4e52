using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk;

/// <summary>Configures the LlmOps pipeline registered by <c>AddLlmOps</c>.</summary>
public sealed class LlmOpsBuilder
{
    internal LlmOpsBuilder(IServiceCollection services, object? serviceKey)
    {
        Services = services;
        ServiceKey = serviceKey;
    }

    /// <summary>Gets the services being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the key of the chat client this pipeline decorates, or <see langword="null"/> for the unkeyed one.</summary>
    public object? ServiceKey { get; }

    /// <summary>Changes any of the pipeline's options.</summary>
    /// <param name="configure">Applied to the options after configuration binding.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder Configure(Action<LlmOpsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Changes how transient provider faults are retried.</summary>
    /// <param name="configure">Applied to <see cref="LlmOpsOptions.Resilience"/>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder ConfigureResilience(Action<ResilienceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<LlmOpsOptions>(options => configure(options.Resilience));
        return this;
    }

    /// <summary>Changes what the telemetry stage records: content capture, the captured text limit and model prices.</summary>
    /// <param name="configure">Applied to <see cref="LlmOpsOptions.Telemetry"/>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder ConfigureTelemetry(Action<TelemetryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<LlmOpsOptions>(options => configure(options.Telemetry));
        return this;
    }
}

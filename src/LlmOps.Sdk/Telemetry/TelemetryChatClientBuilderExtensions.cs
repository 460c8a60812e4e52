using System.Diagnostics.Metrics;
using LlmOps.Sdk;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Telemetry.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="TelemetryChatClient"/> to a chat pipeline.</summary>
public static class TelemetryChatClientBuilderExtensions
{
    /// <summary>Adds GenAI spans, metrics, cost and logs as the next stage of the pipeline.</summary>
    /// <remarks>
    /// Add it first (outermost), so that its span covers the whole call and the inner stages can add to it.
    /// Listen with <c>AddSource(LlmOpsTelemetry.SourceName)</c> and <c>AddMeter(LlmOpsTelemetry.SourceName)</c>.
    /// </remarks>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">Settings for this stage; when <see langword="null"/>, the registered <see cref="LlmOpsOptions.Telemetry"/>, else the defaults.</param>
    /// <param name="redactor">Cleans captured content; when <see langword="null"/>, the registered <see cref="IRedactor"/>, else <see cref="PiiRedactor"/>.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public static ChatClientBuilder UseLlmOpsTelemetry(this ChatClientBuilder builder, TelemetryOptions? options = null, IRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options is not null)
        {
            TelemetryOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder.Use((innerClient, services) => Create(innerClient, services, options, redactor, serviceKey: null));
    }

    /// <summary>Adds the stage for <c>UseLlmOps</c>, with the options and prices of the pipeline for <paramref name="serviceKey"/>.</summary>
    internal static ChatClientBuilder UseLlmOpsTelemetry(ChatClientBuilder builder, TelemetryOptions? options, object? serviceKey)
    {
        if (options is not null)
        {
            TelemetryOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder.Use((innerClient, services) => Create(innerClient, services, options, redactor: null, serviceKey));
    }

    private static TelemetryChatClient Create(
        IChatClient innerClient, IServiceProvider services, TelemetryOptions? options, IRedactor? redactor, object? serviceKey)
    {
        // Locals, not the captured parameters: Build can run once per scope, each time with other services.
        var effectiveOptions = options ?? KeyedPipeline.GetOptions(services, serviceKey)?.Telemetry ?? new();
        var effectiveRedactor = redactor ?? services.GetService<IRedactor>();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<TelemetryChatClient>();
        var timeProvider = services.GetService<TimeProvider>();

        // The container's shared instrumentation and the pipeline's prices, unless these options differ from the registered ones.
        if (options is null && services.GetService<LlmOpsInstrumentation>() is { } instrumentation
            && KeyedPipeline.GetService<ModelPriceTable>(services, serviceKey) is { } prices)
        {
            return new TelemetryChatClient(innerClient, effectiveOptions, instrumentation, prices, effectiveRedactor, logger, timeProvider);
        }

        return new TelemetryChatClient(
            innerClient, effectiveOptions, effectiveRedactor, logger, services.GetService<IMeterFactory>(), timeProvider);
    }
}

using System.Diagnostics.Metrics;
using LlmOps.Sdk;
using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.RateLimits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="RateLimitChatClient"/> to a chat pipeline.</summary>
public static class RateLimitChatClientBuilderExtensions
{
    // Without DI there is no IMeterFactory to own a meter: one process-wide meter serves every stage built by hand.
    private static readonly Meter SharedMeter = new(LlmOpsTelemetry.SourceName);

    /// <summary>Adds provider rate limits as the next stage of the pipeline.</summary>
    /// <remarks>
    /// With no limit configured the stage is not added, so it costs nothing. Given <paramref name="options"/>, each
    /// client built gets limiters of its own; without them, the pipeline's registered limiters, shared by its clients.
    /// </remarks>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">The limits; when <see langword="null"/>, the registered <see cref="LlmOpsOptions.RateLimits"/>.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public static ChatClientBuilder UseLlmOpsRateLimits(this ChatClientBuilder builder, RateLimitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options is not null)
        {
            RateLimitOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder.Use((innerClient, services) => Create(innerClient, services, options, serviceKey: null));
    }

    /// <summary>Creates the stage for the pipeline of <paramref name="serviceKey"/>, or returns <paramref name="innerClient"/> when no limit is configured.</summary>
    internal static IChatClient Create(IChatClient innerClient, IServiceProvider services, RateLimitOptions? options, object? serviceKey)
    {
        // Locals, not the captured parameters: Build can run once per scope, each time with other services.
        var registered = KeyedPipeline.GetOptions(services, serviceKey)?.RateLimits;
        var effective = options ?? registered ?? new RateLimitOptions();
        if (effective.RequestsPerMinute is null && effective.TokensPerMinute is null && effective.Models.Count == 0)
        {
            return innerClient;
        }

        // The registered limiters when these are the registered options: every client of the pipeline shares its quota.
        var shared = ReferenceEquals(effective, registered) ? KeyedPipeline.GetService<ProviderRateLimiter>(services, serviceKey) : null;
        var limiters = shared ?? CreateLimiters(effective, services);
        if (limiters.IsEmpty)
        {
            if (shared is null)
            {
                limiters.Dispose();
            }

            return innerClient;
        }

        var gate = new RateLimitGate(
            limiters,
            services.GetService<ITokenCounter>() ?? CharacterTokenCounter.Instance,
            services.GetService<IMeterFactory>()?.Create(LlmOpsTelemetry.SourceName) ?? SharedMeter);
        return new RateLimitChatClient(innerClient, gate, owned: shared is null ? limiters : null);
    }

    /// <summary>Creates the limiters of a pipeline, on the services' clock.</summary>
    internal static ProviderRateLimiter CreateLimiters(RateLimitOptions options, IServiceProvider services) => new(
        options,
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetService<ILoggerFactory>()?.CreateLogger<RateLimitChatClient>() ?? (ILogger)NullLogger.Instance);
}

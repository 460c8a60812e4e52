using LlmOps.Sdk;
using LlmOps.Sdk.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="PrivacyChatClient"/> to a chat pipeline.</summary>
public static class PrivacyChatClientBuilderExtensions
{
    /// <summary>Adds the privacy stage: personal data becomes placeholders before the next stages, restored in the answer.</summary>
    /// <remarks>
    /// Put it above the stages that must not see personal data (evaluation judges, resilience, the provider) and below
    /// the prompt stage, so that rendered prompts are protected too. Passing options turns the stage on; without them,
    /// the registered <see cref="LlmOpsOptions.Privacy"/> is used, and when it is not enabled the stage is not added.
    /// Detectors registered as <see cref="IPiiDetector"/> services are added to those in the options.
    /// </remarks>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">Settings for this stage; when <see langword="null"/>, the registered ones, else the stage is not added.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public static ChatClientBuilder UseLlmOpsPrivacy(this ChatClientBuilder builder, PrivacyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options is not null)
        {
            PrivacyOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder.Use((innerClient, services) =>
        {
            // Locals, not the captured parameter: Build can run once per scope, each time with other services.
            var effective = options ?? services.GetService<IOptions<LlmOpsOptions>>()?.Value.Privacy;
            return effective is null || (options is null && !effective.Enabled)
                ? innerClient
                : Create(innerClient, effective, services, serviceKey: null);
        });
    }

    /// <summary>Creates the stage with the detectors registered for the pipeline of <paramref name="serviceKey"/>.</summary>
    internal static PrivacyChatClient Create(IChatClient innerClient, PrivacyOptions options, IServiceProvider services, object? serviceKey)
    {
        // GetService, not GetServices: a builder built without DI has an empty provider that cannot make enumerables.
        var registered = (serviceKey is null
            ? services.GetService(typeof(IEnumerable<IPiiDetector>))
            : (services as IKeyedServiceProvider)?.GetKeyedService(typeof(IEnumerable<IPiiDetector>), serviceKey)) as IEnumerable<IPiiDetector> ?? [];
        return new PrivacyChatClient(
            innerClient,
            PrivacyPolicy.Create(options, registered),
            services.GetService<ILoggerFactory>(),
            services.GetService<System.Diagnostics.Metrics.IMeterFactory>());
    }
}

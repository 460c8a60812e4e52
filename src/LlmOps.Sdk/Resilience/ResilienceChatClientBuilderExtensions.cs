using System.Diagnostics.Metrics;
using LlmOps.Sdk;
using LlmOps.Sdk.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="ResilienceChatClient"/> to a chat pipeline.</summary>
public static class ResilienceChatClientBuilderExtensions
{
    /// <summary>Adds retries, timeouts, a circuit breaker and an optional fallback as the next stage of the pipeline.</summary>
    /// <remarks>
    /// Put it last, next to the provider, so that a retried attempt is not rendered, evaluated or traced as a new call;
    /// with tools, after <c>UseFunctionInvocation()</c>, so that a retry repeats one model request and never a tool.
    /// When <paramref name="options"/> is <see langword="null"/>, the options registered by <c>AddLlmOps</c> are used, with
    /// the named pipeline in Polly's registry (see <see cref="ResilienceChatClient.GetPipelineName"/>), else the defaults.
    /// With <see cref="ResilienceOptions.Enabled"/> off, the stage is left out.
    /// </remarks>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">Settings for this stage; when <see langword="null"/>, the registered options are used.</param>
    /// <param name="fallbackClient">Answers when retries are exhausted or the circuit is open; when <see langword="null"/>,
    /// the keyed client named by <see cref="ResilienceOptions.FallbackClientKey"/>, if any.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    /// <exception cref="InvalidOperationException">When the pipeline is built, the stage would wrap a
    /// <see cref="FunctionInvokingChatClient"/>: call <c>UseFunctionInvocation()</c> first.</exception>
    public static ChatClientBuilder UseLlmOpsResilience(
        this ChatClientBuilder builder, ResilienceOptions? options = null, IChatClient? fallbackClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options is not null)
        {
            ResilienceOptionsValidator.ThrowIfInvalid(options); // fail while composing, not on the first request
        }

        return builder.Use((innerClient, services) =>
        {
            // Locals, not the captured parameters: Build can run once per scope, each time with other services.
            var effectiveOptions = options ?? services.GetService<IOptions<LlmOpsOptions>>()?.Value.Resilience ?? new();
            var pipelineName = options is null ? ResilienceChatClient.GetPipelineName() : null;
            return Create(innerClient, services, effectiveOptions, fallbackClient, pipelineName);
        });
    }

    /// <summary>Adds the stage for <c>UseLlmOps</c>, whose options are already resolved.</summary>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">The resilience section of the resolved options.</param>
    /// <param name="pipelineName">The registered pipeline to use when the options came from the services, else <see langword="null"/>.</param>
    internal static ChatClientBuilder UseLlmOpsResilience(ChatClientBuilder builder, ResilienceOptions options, string? pipelineName) =>
        builder.Use((innerClient, services) => Create(innerClient, services, options, fallbackClient: null, pipelineName));

    /// <summary>
    /// Adds the stage at the end of a registered client's builder, next to the provider, for <c>AddLlmOps</c>: under any
    /// <c>UseFunctionInvocation()</c> of that builder, so that a retry repeats one model request, never a tool.
    /// </summary>
    /// <param name="builder">The builder <c>AddChatClient</c> returned for the decorated client.</param>
    /// <param name="serviceKey">The key of the decorated client, or <see langword="null"/>.</param>
    internal static void UseLlmOpsResilienceNextToProvider(ChatClientBuilder builder, object? serviceKey) =>
        builder.Use((innerClient, services) => Create(
            innerClient,
            services,
            services.GetService<IOptions<LlmOpsOptions>>()?.Value.Resilience ?? new(),
            fallbackClient: null,
            ResilienceChatClient.GetPipelineName(serviceKey),
            addedByLlmOps: true));

    private static IChatClient Create(
        IChatClient innerClient, IServiceProvider services, ResilienceOptions options, IChatClient? fallbackClient, string? pipelineName,
        bool addedByLlmOps = false)
    {
        if (!addedByLlmOps && innerClient is ResilienceChatClient { AddedByLlmOps: true } added)
        {
            // The user wrote this stage in a builder that AddLlmOps also added one to, right below: theirs wins, and a
            // model request is retried by one stage, not by two (4 x 4 attempts).
            innerClient = added.Provider;
        }

        if (!options.Enabled)
        {
            return innerClient;
        }

        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var builtFromOptions = true;
        var pipeline = pipelineName is null
            ? null // built by the stage, directly from the options
            : ResiliencePipelineRegistration.Resolve(services, pipelineName, options, timeProvider, out builtFromOptions);
        fallbackClient ??= ResolveFallback(services, options.FallbackClientKey);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<ResilienceChatClient>() ?? (ILogger)NullLogger.Instance;
        return new ResilienceChatClient(
            innerClient, options, pipeline, pipeline is null || builtFromOptions, fallbackClient, timeProvider, logger,
            services.GetService<IMeterFactory>())
        {
            AddedByLlmOps = addedByLlmOps,
        };
    }

    private static IChatClient? ResolveFallback(IServiceProvider services, string? key)
    {
        if (key is null)
        {
            return null;
        }

        return services.GetKeyedService<IChatClient>(key)
            ?? throw new InvalidOperationException(
                $"Resilience.FallbackClientKey is '{key}', but no IChatClient is registered with that key. Register the " +
                $"fallback with services.AddKeyedChatClient(\"{key}\", ...), or clear FallbackClientKey.");
    }
}

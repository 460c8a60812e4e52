using LlmOps.Sdk.Benchmarks.Evaluation;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace LlmOps.Sdk.Benchmarks.Pipeline;

/// <summary>
/// The stacks the full-pipeline benchmarks and the concurrency mode compare, all over one <see cref="FixedProviderChatClient"/>
/// and one logger factory enabled at Information.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="HandAssembled"/>: what a user writes today, <c>UseOpenTelemetry().UseLogging()</c>; the Polly v8 retry
/// (<see cref="PollyRetry"/>) goes around the call, see <see cref="CallHandAssembledAsync"/>.</item>
/// <item><see cref="LlmOpsFull"/>: <c>UseLlmOps(options)</c> with every stage: a cached prompt (the call names it, see
/// <see cref="PromptCallOptions"/>), telemetry, one inline <see cref="LengthEvaluator"/>, retry.</item>
/// <item><see cref="LlmOpsNoPrompt"/>: the same options built without a prompt registry, so no prompt stage. With no
/// listener and no sink its evaluator's scores would reach no one, so the evaluator does not run.</item>
/// <item><see cref="LlmOpsNoPromptToSink"/>: <see cref="LlmOpsNoPrompt"/> with an evaluation sink (one that keeps
/// nothing), so that the evaluator runs with no listener, as it does in a service that stores its scores.</item>
/// <item><see cref="LlmOpsDefaults"/>: telemetry and retry only (no evaluator, no prompt), the stages most users run.</item>
/// </list>
/// The LlmOps retry is retry-only (no timeouts, no circuit breaker), like the hand-assembled Polly pipeline, so the two
/// compare like for like; both retry 3 times with exponential, jittered backoff on the same faults.
/// Whether anyone listens is up to the caller (<see cref="Telemetry.TelemetryListeners"/> over <see cref="ListenedNames"/>).
/// </remarks>
internal sealed class PipelineStacks : IDisposable
{
    /// <summary>The source and meter name of the hand-assembled <c>UseOpenTelemetry()</c>.</summary>
    public const string HandAssembledSource = "Benchmarks.HandAssembled";

    /// <summary>The prompt the LlmOps full stack sends.</summary>
    public const string PromptName = "support";

    private readonly ServiceProvider _services;
    private readonly ServiceProvider _servicesWithoutRegistry;

    public PipelineStacks(int chunks = 1)
    {
        Provider = new FixedProviderChatClient(chunks);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(new DiscardingLoggerProvider()));

        PollyRetry = new ResiliencePipelineBuilder<ChatResponse>()
            .AddRetry(new RetryStrategyOptions<ChatResponse>
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<ChatResponse>()
                    .Handle<System.ClientModel.ClientResultException>()
                    .Handle<HttpRequestException>(),
            })
            .Build();

        HandAssembled = new ChatClientBuilder(Provider)
            .UseOpenTelemetry(LoggerFactory, HandAssembledSource)
            .UseLogging(LoggerFactory)
            .Build();

        var prompt = new PromptVersion(PromptName, 1,
        [
            new(ChatRole.System, "You are a {{tone}} support agent for Contoso. Answer in two sentences and name the setting to change."),
            new(ChatRole.User, "{{customer}} asks: {{question}}"),
        ]);
        Registry = new PromptRegistry([new InMemoryPromptStore().Add(prompt, "production")]);
        _services = new ServiceCollection()
            .AddSingleton(LoggerFactory)
            .AddSingleton<IPromptRegistry>(Registry)
            .BuildServiceProvider();
        _servicesWithoutRegistry = new ServiceCollection().AddSingleton(LoggerFactory).BuildServiceProvider();

        LlmOpsFull = new ChatClientBuilder(Provider).UseLlmOps(Options(withEvaluator: true)).Build(_services);
        LlmOpsNoPrompt = new ChatClientBuilder(Provider).UseLlmOps(Options(withEvaluator: true)).Build(_servicesWithoutRegistry);
        LlmOpsNoPromptToSink = new ChatClientBuilder(Provider).UseLlmOps(Options(withEvaluator: true, withSink: true)).Build(_servicesWithoutRegistry);
        LlmOpsDefaults = new ChatClientBuilder(Provider).UseLlmOps(Options(withEvaluator: false)).Build(_servicesWithoutRegistry);
    }

    /// <summary>Gets the messages every call sends (the LlmOps full stack sends the prompt's before them).</summary>
    public static ChatMessage[] Messages { get; } = [new(ChatRole.User, "How do I reset my password?")];

    /// <summary>Gets the options of a call without a prompt.</summary>
    public static ChatOptions Plain { get; } = new() { ModelId = "gpt-4o-mini" };

    /// <summary>Gets the options of a call that names the cached prompt; the prompt stage never changes them.</summary>
    public static ChatOptions PromptCallOptions { get; } =
        new PromptChatOptions(PromptName, new { tone = "calm", customer = "Ada", question = "Where is my order 4711?" })
        {
            ModelId = "gpt-4o-mini",
        };

    /// <summary>Gets the sources and meters a listening benchmark listens to: ours and the hand-assembled one.</summary>
    public static string[] ListenedNames { get; } = [LlmOpsTelemetry.SourceName, HandAssembledSource];

    public FixedProviderChatClient Provider { get; }

    public ILoggerFactory LoggerFactory { get; }

    public PromptRegistry Registry { get; }

    public ResiliencePipeline<ChatResponse> PollyRetry { get; }

    public IChatClient HandAssembled { get; }

    public IChatClient LlmOpsFull { get; }

    public IChatClient LlmOpsNoPrompt { get; }

    public IChatClient LlmOpsNoPromptToSink { get; }

    public IChatClient LlmOpsDefaults { get; }

    /// <summary>Calls the raw provider inside the Polly retry, as a user wraps a call.</summary>
    public ValueTask<ChatResponse> CallPollyRetryAsync() =>
        PollyRetry.ExecuteAsync(
            static (client, cancellationToken) => new ValueTask<ChatResponse>(client.GetResponseAsync(Messages, Plain, cancellationToken)),
            (IChatClient)Provider,
            CancellationToken.None);

    /// <summary>Calls the hand-assembled client inside the Polly retry.</summary>
    public ValueTask<ChatResponse> CallHandAssembledAsync() =>
        PollyRetry.ExecuteAsync(
            static (client, cancellationToken) => new ValueTask<ChatResponse>(client.GetResponseAsync(Messages, Plain, cancellationToken)),
            HandAssembled,
            CancellationToken.None);

    /// <summary>Checks that a stack answers what the provider answers, so every row computes the same response.</summary>
    public static void Verify(string row, ChatResponse response)
    {
        if (response.Text != FixedProviderChatClient.ResponseText || response.Usage?.TotalTokenCount != FixedProviderChatClient.TotalTokens)
        {
            throw new InvalidOperationException(
                $"The row '{row}' answered '{response.Text}' with {response.Usage?.TotalTokenCount} tokens instead of the provider's response.");
        }
    }

    public void Dispose()
    {
        LlmOpsFull.Dispose(); // each stack disposes the shared provider, which does nothing
        LlmOpsNoPrompt.Dispose();
        LlmOpsNoPromptToSink.Dispose();
        LlmOpsDefaults.Dispose();
        HandAssembled.Dispose();
        Registry.Dispose();
        _services.Dispose();
        _servicesWithoutRegistry.Dispose();
        LoggerFactory.Dispose();
    }

    private static LlmOpsOptions Options(bool withEvaluator, bool withSink = false)
    {
        var options = new LlmOpsOptions
        {
            Telemetry = { EnableSensitiveData = false },
            Resilience = new ResilienceOptions
            {
                MaxRetryAttempts = 3,
                AttemptTimeout = null,
                TotalTimeout = null,
                CircuitBreaker = { Enabled = false },
            },
        };
        if (withEvaluator)
        {
            options.Evaluation.Evaluators.Add(new EvaluatorRegistration(new LengthEvaluator(minLength: 1, maxLength: 4000)));
        }

        if (withSink)
        {
            options.Evaluation.Sinks.Add(new DiscardingEvaluationSink());
        }

        return options;
    }
}

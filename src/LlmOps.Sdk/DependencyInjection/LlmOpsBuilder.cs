using System.Diagnostics.CodeAnalysis;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Resilience;
using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk;

/// <summary>Configures the LlmOps pipeline registered by <c>AddLlmOps</c>.</summary>
public sealed partial class LlmOpsBuilder
{
    internal LlmOpsBuilder(IServiceCollection services, object? serviceKey)
    {
        Services = services;
        ServiceKey = serviceKey;
        OptionsName = KeyedPipeline.OptionsName(serviceKey);
    }

    /// <summary>Gets the services being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the key of the chat client this pipeline decorates, or <see langword="null"/> for the unkeyed one.</summary>
    public object? ServiceKey { get; }

    /// <summary>Gets the name of the <see cref="LlmOpsOptions"/> this pipeline reads.</summary>
    /// <value>
    /// <see cref="Microsoft.Extensions.Options.Options.DefaultName"/> for the unkeyed pipeline, the key as text for a keyed
    /// one; use it with <c>IOptionsMonitor&lt;LlmOpsOptions&gt;.Get</c> or <c>services.Configure&lt;LlmOpsOptions&gt;(name, …)</c>.
    /// </value>
    public string OptionsName { get; }

    /// <summary>Changes any of the pipeline's options.</summary>
    /// <param name="configure">Applied to the options after configuration binding.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder Configure(Action<LlmOpsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(OptionsName, configure);
        return this;
    }

    /// <summary>Changes how transient provider faults are retried.</summary>
    /// <param name="configure">Applied to <see cref="LlmOpsOptions.Resilience"/>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder ConfigureResilience(Action<ResilienceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<LlmOpsOptions>(OptionsName, options => configure(options.Resilience));
        return this;
    }

    /// <summary>Adds an evaluator that scores responses, created from the services (or taken from them when registered).</summary>
    /// <typeparam name="T">The evaluator type.</typeparam>
    /// <param name="configure">Sets its sampling rate, mode and timeout; by default every call, inline, 5 seconds.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddEvaluator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(Action<EvaluatorOptions>? configure = null)
        where T : class, IResponseEvaluator =>
        AddEvaluatorRegistration(options => EvaluatorRegistration.For<T>(options), configure);

    /// <summary>Adds an evaluator instance that scores responses.</summary>
    /// <param name="evaluator">The evaluator; shared by every call.</param>
    /// <param name="configure">Sets its sampling rate, mode and timeout; by default every call, inline, 5 seconds.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddEvaluator(IResponseEvaluator evaluator, Action<EvaluatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        return AddEvaluatorRegistration(options => new EvaluatorRegistration(evaluator, options), configure);
    }

    /// <summary>Adds a <c>Microsoft.Extensions.AI.Evaluation</c> evaluator (an LLM judge, say) as a hook; its metrics become scores.</summary>
    /// <remarks>LLM judges are slow and cost tokens: run them in the background and sample them.</remarks>
    /// <param name="evaluator">The evaluator.</param>
    /// <param name="chatConfiguration">The chat client the evaluator judges with, when it needs one.</param>
    /// <param name="configure">Sets its sampling rate, mode and timeout; by default every call, inline, 5 seconds.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddEvaluator(
        IEvaluator evaluator, ChatConfiguration? chatConfiguration = null, Action<EvaluatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        return AddEvaluator(new AIEvaluatorAdapter(evaluator, chatConfiguration), configure);
    }

    /// <summary>Adds a sink that receives every evaluation result, created from the services.</summary>
    /// <typeparam name="T">The sink type; registered once per pipeline however often it is added.</typeparam>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddEvaluationSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>()
        where T : class, IEvaluationSink
    {
        // A keyed pipeline's sinks are keyed services, so that they receive only its results.
        Services.TryAddEnumerable(ServiceKey is null
            ? ServiceDescriptor.Singleton<IEvaluationSink, T>()
            : ServiceDescriptor.KeyedSingleton<IEvaluationSink, T>(ServiceKey));
        return this;
    }

    /// <summary>Adds a sink instance that receives every evaluation result.</summary>
    /// <param name="sink">The sink.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddEvaluationSink(IEvaluationSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (ServiceKey is null)
        {
            Services.AddSingleton(sink);
        }
        else
        {
            Services.AddKeyedSingleton(ServiceKey, sink);
        }

        return this;
    }

    /// <summary>Changes the evaluation stage's settings: queue capacity, workers, overflow policy, drain timeout.</summary>
    /// <param name="configure">Applied to <see cref="LlmOpsOptions.Evaluation"/>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder ConfigureEvaluation(Action<EvaluationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<LlmOpsOptions>(OptionsName, options => configure(options.Evaluation));
        return this;
    }

    /// <summary>Changes what the telemetry stage records: content capture, the captured text limit and model prices.</summary>
    /// <param name="configure">Applied to <see cref="LlmOpsOptions.Telemetry"/>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder ConfigureTelemetry(Action<TelemetryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<LlmOpsOptions>(OptionsName, options => configure(options.Telemetry));
        return this;
    }

    /// <summary>Adds a directory of prompt files as a prompt source: one folder per prompt, one file per version, and a labels file.</summary>
    /// <remarks>
    /// The directory is read when the host starts, and a file that does not load stops the start with its file, line and
    /// column. With <paramref name="watch"/> on, edits and label moves are served without a restart; an edit that does not
    /// load is logged and the last good version keeps serving.
    /// </remarks>
    /// <param name="directory">
    /// The prompts directory. A relative path is taken from the host's content root
    /// (<see cref="IHostEnvironment.ContentRootPath"/>), as configuration files are; without a host environment, from the
    /// current directory.
    /// </param>
    /// <param name="watch">Whether to serve edits without a restart.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddPromptsFromDirectory(string directory, bool watch = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        PromptServices.AddStore(Services, ServiceKey, sp => new FilePromptStore(
            PromptServices.ResolveDirectory(directory, sp.GetService<IHostEnvironment>()),
            watch,
            sp.GetService<ILogger<FilePromptStore>>(),
            sp.GetService<TimeProvider>()));
        return this;
    }

    /// <summary>Adds prompts defined in code as a prompt source.</summary>
    /// <param name="configure">Publishes versions and points labels, such as <c>store => store.Add(new PromptVersion("greet", 1, "Hi {{name}}"), "production")</c>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddPrompts(Action<InMemoryPromptStore> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var store = new InMemoryPromptStore();
        configure(store);
        return AddPromptStore(store);
    }

    /// <summary>Adds prompts from configuration (for example a <c>Prompts</c> section of appsettings.json) as a prompt source.</summary>
    /// <param name="section">The section whose children are prompts by name.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddPromptsFromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        PromptServices.AddStore(Services, ServiceKey, sp => new ConfigurationPromptStore(section, sp.GetService<ILogger<ConfigurationPromptStore>>()));
        return this;
    }

    /// <summary>Adds any prompt store, such as a database-backed one, as a prompt source.</summary>
    /// <remarks>Sources are asked in the order they were added; the first that has a prompt serves all of it.</remarks>
    /// <param name="store">The store.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddPromptStore(IPromptStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        PromptServices.AddStore(Services, ServiceKey, _ => store);
        return this;
    }

    /// <summary>Gives a prompt to serve when the stores fail and no version of that prompt is cached.</summary>
    /// <param name="fallback">The prompt; its name is the prompt it stands in for.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddPromptFallback(PromptVersion fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        PromptServices.AddFallback(Services, ServiceKey, fallback);
        return this;
    }

    /// <summary>Changes how prompts are cached, resolved and rendered.</summary>
    /// <param name="configure">Applied to <see cref="LlmOpsOptions.Prompts"/>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder ConfigurePrompts(Action<PromptOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<LlmOpsOptions>(OptionsName, options => configure(options.Prompts));
        return this;
    }

    private LlmOpsBuilder AddEvaluatorRegistration(
        Func<EvaluatorOptions, EvaluatorRegistration> create, Action<EvaluatorOptions>? configure)
    {
        // Configured now, not when options are first read: a mistake in configure surfaces at the call that made it.
        var evaluatorOptions = new EvaluatorOptions();
        configure?.Invoke(evaluatorOptions);
        var registration = create(evaluatorOptions);
        Services.Configure<LlmOpsOptions>(OptionsName, options => options.Evaluation.Evaluators.Add(registration));
        return this;
    }
}

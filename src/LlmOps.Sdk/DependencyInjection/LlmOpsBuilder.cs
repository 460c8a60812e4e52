using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    /// <summary>Adds a directory of prompt files as a prompt source: one folder per prompt, one file per version, and a labels file.</summary>
    /// <remarks>
    /// The directory is read when the host starts, and a file that does not load stops the start with its file, line and
    /// column. With <paramref name="watch"/> on, edits and label moves are served without a restart; an edit that does not
    /// load is logged and the last good version keeps serving.
    /// </remarks>
    /// <param name="directory">The prompts directory; a relative path is taken from the current directory.</param>
    /// <param name="watch">Whether to serve edits without a restart.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddPromptsFromDirectory(string directory, bool watch = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        PromptServices.AddStore(Services, sp => new FilePromptStore(
            directory, watch, sp.GetService<ILogger<FilePromptStore>>(), sp.GetService<TimeProvider>()));
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
        PromptServices.AddStore(Services, _ => new ConfigurationPromptStore(section));
        return this;
    }

    /// <summary>Adds any prompt store, such as a database-backed one, as a prompt source.</summary>
    /// <remarks>Sources are asked in the order they were added; the first that has a prompt serves all of it.</remarks>
    /// <param name="store">The store.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddPromptStore(IPromptStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        PromptServices.AddStore(Services, _ => store);
        return this;
    }

    /// <summary>Gives a prompt to serve when the stores fail and no version of that prompt is cached.</summary>
    /// <param name="fallback">The prompt; its name is the prompt it stands in for.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder AddPromptFallback(PromptVersion fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        PromptServices.AddFallback(Services, fallback);
        return this;
    }

    /// <summary>Changes how prompts are cached, resolved and rendered.</summary>
    /// <param name="configure">Applied to <see cref="LlmOpsOptions.Prompts"/>.</param>
    /// <returns>This builder, for chaining.</returns>
    public LlmOpsBuilder ConfigurePrompts(Action<PromptOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<LlmOpsOptions>(options => configure(options.Prompts));
        return this;
    }
}

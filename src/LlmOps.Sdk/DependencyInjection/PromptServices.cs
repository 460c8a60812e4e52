using System.Diagnostics.Metrics;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.DependencyInjection;

/// <summary>Registers the prompt registry and its stores; the registry exists only once a prompt source is added.</summary>
/// <remarks>A keyed pipeline's stores, fallbacks and registry are keyed services, so that its prompts are its own.</remarks>
internal static class PromptServices
{
    public static void AddStore(IServiceCollection services, object? serviceKey, Func<IServiceProvider, IPromptStore> factory)
    {
        if (serviceKey is null)
        {
            services.AddSingleton(factory);
            AddRegistry(services);
            return;
        }

        services.AddKeyedSingleton(serviceKey, (sp, _) => factory(sp));
        AddKeyedRegistry(services, serviceKey);
    }

    /// <summary>Takes a relative prompts directory from the host's content root, where its files ship with the app.</summary>
    /// <remarks>
    /// A service started by systemd or Windows runs in another working directory than its content root; configuration
    /// files are found from the content root, so prompt files are too.
    /// </remarks>
    public static string ResolveDirectory(string directory, IHostEnvironment? environment) =>
        Path.IsPathRooted(directory) || environment is not { ContentRootPath: { Length: > 0 } contentRoot }
            ? directory
            : Path.Combine(contentRoot, directory);

    public static void AddFallback(IServiceCollection services, object? serviceKey, PromptVersion fallback)
    {
        if (serviceKey is null)
        {
            services.AddSingleton(new PromptFallback(fallback));
        }
        else
        {
            services.AddKeyedSingleton(serviceKey, new PromptFallback(fallback));
        }
    }

    private static void AddRegistry(IServiceCollection services)
    {
        services.TryAddSingleton<IPromptRegistry>(static sp => new PromptRegistry(
            sp.GetServices<IPromptStore>(),
            sp.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Prompts,
            sp.GetServices<PromptFallback>().Select(static f => f.Prompt),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<PromptRegistry>>(),
            sp.GetService<IMeterFactory>()));

        // Reading the stores when the host starts makes a bad prompt file stop the start, naming the file and line.
        services.AddOptions<PromptStoresLoaded>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PromptStoresLoaded>, PromptStoresLoadedValidator>(
            static sp => new PromptStoresLoadedValidator(Options.DefaultName, sp.GetServices<IPromptStore>())));
    }

    private static void AddKeyedRegistry(IServiceCollection services, object serviceKey)
    {
        if (services.Any(d => d.ServiceType == typeof(IPromptRegistry) && Equals(d.ServiceKey, serviceKey)))
        {
            return; // this key's registry and its start-up check are already there
        }

        services.AddKeyedSingleton<IPromptRegistry>(serviceKey, static (sp, key) => new PromptRegistry(
            sp.GetKeyedServices<IPromptStore>(key),
            KeyedPipeline.GetOptions(sp, key)!.Prompts, // AddKeyedLlmOps registered them
            sp.GetKeyedServices<PromptFallback>(key).Select(static f => f.Prompt),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<PromptRegistry>>(),
            sp.GetService<IMeterFactory>()));

        // Each key's stores are read at start under the key's options name.
        var name = KeyedPipeline.OptionsName(serviceKey);
        services.AddOptions<PromptStoresLoaded>(name).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PromptStoresLoaded>>(
            sp => new PromptStoresLoadedValidator(name, sp.GetKeyedServices<IPromptStore>(serviceKey)));
    }

    /// <summary>A fallback prompt given in code, served when the stores fail and nothing is cached.</summary>
    internal sealed record PromptFallback(PromptVersion Prompt);

    /// <summary>Stands for "the prompt stores have been read", so that host start-up validation reads them.</summary>
    internal sealed class PromptStoresLoaded;

    /// <summary>Creating the stores reads them; a store that does not load throws its <see cref="PromptException"/>.</summary>
    /// <param name="optionsName">The pipeline whose stores these are; other names are skipped.</param>
    /// <param name="stores">The pipeline's stores.</param>
    internal sealed class PromptStoresLoadedValidator(string optionsName, IEnumerable<IPromptStore> stores) : IValidateOptions<PromptStoresLoaded>
    {
        public ValidateOptionsResult Validate(string? name, PromptStoresLoaded options)
        {
            if (!string.Equals(name, optionsName, StringComparison.Ordinal))
            {
                return ValidateOptionsResult.Skip;
            }

            _ = stores.Count();
            return ValidateOptionsResult.Success;
        }
    }
}

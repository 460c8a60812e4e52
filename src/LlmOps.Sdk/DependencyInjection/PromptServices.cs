using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.DependencyInjection;

/// <summary>Registers the prompt registry and its stores; the registry exists only once a prompt source is added.</summary>
internal static class PromptServices
{
    public static void AddStore(IServiceCollection services, Func<IServiceProvider, IPromptStore> factory)
    {
        services.AddSingleton(factory);
        AddRegistry(services);
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

    public static void AddFallback(IServiceCollection services, PromptVersion fallback)
    {
        services.AddSingleton(new PromptFallback(fallback));
    }

    private static void AddRegistry(IServiceCollection services)
    {
        services.TryAddSingleton<IPromptRegistry>(static sp => new PromptRegistry(
            sp.GetServices<IPromptStore>(),
            sp.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Prompts,
            sp.GetServices<PromptFallback>().Select(static f => f.Prompt),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<PromptRegistry>>()));

        // Reading the stores when the host starts makes a bad prompt file stop the start, naming the file and line.
        services.AddOptions<PromptStoresLoaded>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PromptStoresLoaded>, PromptStoresLoadedValidator>());
    }

    /// <summary>A fallback prompt given in code, served when the stores fail and nothing is cached.</summary>
    internal sealed record PromptFallback(PromptVersion Prompt);

    /// <summary>Stands for "the prompt stores have been read", so that host start-up validation reads them.</summary>
    internal sealed class PromptStoresLoaded;

    /// <summary>Creating the stores reads them; a store that does not load throws its <see cref="PromptException"/>.</summary>
    internal sealed class PromptStoresLoadedValidator(IEnumerable<IPromptStore> stores) : IValidateOptions<PromptStoresLoaded>
    {
        public ValidateOptionsResult Validate(string? name, PromptStoresLoaded options)
        {
            _ = stores.Count();
            return ValidateOptionsResult.Success;
        }
    }
}

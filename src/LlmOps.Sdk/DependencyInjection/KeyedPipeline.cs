using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.DependencyInjection;

/// <summary>Maps a chat client's service key to the options and services of its own pipeline.</summary>
/// <remarks>
/// Each <c>AddKeyedLlmOps</c> key is a pipeline of its own: its <see cref="LlmOpsOptions"/> are the named options of
/// <see cref="OptionsName"/>, and its sinks, prompt stores, prompt registry, price table and cost estimator are keyed
/// services under the same key, so no setting of one key reaches another. The unkeyed pipeline keeps
/// <see cref="Options.DefaultName"/> and unkeyed services, as it always had.
/// </remarks>
internal static class KeyedPipeline
{
    /// <summary>Returns the options name of the pipeline for <paramref name="serviceKey"/>: the key as text, or the default name.</summary>
    public static string OptionsName(object? serviceKey) =>
        serviceKey is null ? Options.DefaultName : Convert.ToString(serviceKey, CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Returns the registered options of the pipeline for <paramref name="serviceKey"/>, or <see langword="null"/> without DI.</summary>
    public static LlmOpsOptions? GetOptions(IServiceProvider services, object? serviceKey) => serviceKey is null
        ? services.GetService<IOptions<LlmOpsOptions>>()?.Value
        : services.GetService<IOptionsMonitor<LlmOpsOptions>>()?.Get(OptionsName(serviceKey));

    /// <summary>Returns the pipeline's own service: the unkeyed one, or the one registered with <paramref name="serviceKey"/>.</summary>
    public static T? GetService<T>(IServiceProvider services, object? serviceKey)
        where T : class => serviceKey is null
        ? services.GetService<T>()
        : (services as IKeyedServiceProvider)?.GetKeyedService(typeof(T), serviceKey) as T; // a plain provider has no keyed services
}

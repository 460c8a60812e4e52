using LlmOps.Sdk.Caching;

namespace LlmOps.Sdk;

/// <summary>Turns the response cache on or off for one call, and tells whether an answer came from it.</summary>
public static class ResponseCacheChatOptionsExtensions
{
    /// <summary>Asks the response cache stage to serve this call from the cache, and to store its answer.</summary>
    /// <remarks>
    /// The call's choice wins over its prompt's <c>cache:</c> setting and over <see cref="ResponseCacheOptions.CacheAllCalls"/>.
    /// Without a response cache stage in the pipeline (<c>AddResponseCache()</c> or <c>LlmOps:Cache:Enabled</c>), it does nothing.
    /// </remarks>
    /// <param name="options">The options of the call.</param>
    /// <param name="duration">How long the answer is served; <see langword="null"/> for the prompt's, else <see cref="ResponseCacheOptions.DefaultDuration"/>.</param>
    /// <returns>The same <paramref name="options"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public static ChatOptions WithCache(this ChatOptions options, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (duration is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(duration));
        }

        (options.AdditionalProperties ??= [])[ResponseCacheConstants.DirectiveKey] =
            duration is null ? ResponseCacheDirective.On : new ResponseCacheDirective(true, duration);
        return options;
    }

    /// <summary>Keeps this call away from the response cache: it is neither served from it nor stored.</summary>
    /// <param name="options">The options of the call.</param>
    /// <returns>The same <paramref name="options"/>.</returns>
    public static ChatOptions WithoutCache(this ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (options.AdditionalProperties ??= [])[ResponseCacheConstants.DirectiveKey] = ResponseCacheDirective.Off;
        return options;
    }

    /// <summary>Gets whether the response cache answered this call, without a provider call of its own.</summary>
    /// <remarks>The stage marks such a response with <c>AdditionalProperties["llmops.cache.hit"] = true</c>.</remarks>
    /// <param name="response">The response of a call.</param>
    /// <returns><see langword="true"/> when the answer came from the cache.</returns>
    public static bool IsFromCache(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ResponseCacheMark.IsHit(response);
    }
}

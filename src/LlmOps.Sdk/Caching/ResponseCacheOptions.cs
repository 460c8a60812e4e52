using System.ComponentModel.DataAnnotations;
using LlmOps.Sdk.Validation;

namespace LlmOps.Sdk.Caching;

/// <summary>Settings for the response cache stage.</summary>
/// <remarks>
/// The cache is opt-in twice: the stage is added when <see cref="Enabled"/> is on (or <c>AddResponseCache()</c> is
/// called), and then a call is cached only when its prompt version asks for it (<c>cache:</c> in the prompt file,
/// <see cref="Prompts.PromptVersion.Cache"/>) or the call does (<see cref="ResponseCacheChatOptionsExtensions.WithCache"/>),
/// or when <see cref="CacheAllCalls"/> is on. Bind it from <c>LlmOps:Cache</c>.
/// </remarks>
public sealed class ResponseCacheOptions
{
    /// <summary>Gets or sets whether the response cache stage is part of the pipeline.</summary>
    /// <value>The default is <see langword="false"/>: without it, no call is cached and the stage costs nothing.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets how long a response is served from the cache when the prompt or call names no duration.</summary>
    /// <value>From 1 second to 30 days. The default is 1 hour.</value>
    [TimeSpanRange(ResponseCacheConstants.MinDuration, ResponseCacheConstants.MaxDuration)]
    public TimeSpan DefaultDuration { get; set; } = ResponseCacheConstants.DefaultDuration;

    /// <summary>Gets or sets how long a response is kept in this process's memory, in front of the distributed cache.</summary>
    /// <value>
    /// From 1 second to 30 days, or <see langword="null"/> for the entry's own duration. Shorter than the entry's duration,
    /// it bounds memory while the distributed cache (Redis) keeps serving the rest of the time. The default is
    /// <see langword="null"/>.
    /// </value>
    [TimeSpanRange(ResponseCacheConstants.MinDuration, ResponseCacheConstants.MaxDuration)]
    public TimeSpan? LocalDuration { get; set; }

    /// <summary>Gets or sets whether a call that neither its prompt nor its own options opted in is cached too.</summary>
    /// <value>The default is <see langword="false"/>. <see cref="ResponseCacheChatOptionsExtensions.WithoutCache"/> still turns one call off.</value>
    public bool CacheAllCalls { get; set; }

    /// <summary>Gets or sets whether a response that asks for tool calls is cached.</summary>
    /// <value>
    /// The default is <see langword="false"/>: tools usually act on the world, and a replayed request to call them would
    /// act again on stale arguments.
    /// </value>
    public bool CacheToolCalls { get; set; }

    /// <summary>Gets or sets the text every cache key starts with, to keep several applications apart in one shared cache.</summary>
    /// <value>1 to 100 characters. The default is <c>llmops:chat:</c>.</value>
    [Required]
    [StringLength(ResponseCacheConstants.MaxKeyPrefixLength, MinimumLength = 1)]
    public string KeyPrefix { get; set; } = ResponseCacheConstants.DefaultKeyPrefix;
}

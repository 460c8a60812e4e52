using System.ComponentModel.DataAnnotations;

namespace LlmOps.Sdk.RateLimits;

/// <summary>The rate limits of one model.</summary>
public sealed class ModelRateLimit
{
    /// <summary>Gets or sets the requests per minute of the model.</summary>
    /// <value>From 1 to 100,000,000; <see langword="null"/> (the default) for no limit.</value>
    [Range(1, 100_000_000)]
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the tokens per minute of the model.</summary>
    /// <value>From 1 to 2,000,000,000; <see langword="null"/> (the default) for no limit.</value>
    [Range(1, 2_000_000_000)]
    public int? TokensPerMinute { get; set; }

    /// <summary>Gets or sets the model that answers a call this model's limit has no permit for within the wait bound.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="RateLimitOptions.FallbackModelId"/> applies.</value>
    public string? FallbackModelId { get; set; }
}

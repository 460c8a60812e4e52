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
}

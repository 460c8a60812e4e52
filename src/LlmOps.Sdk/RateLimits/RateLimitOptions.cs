using System.ComponentModel.DataAnnotations;
using LlmOps.Sdk.Validation;

namespace LlmOps.Sdk.RateLimits;

/// <summary>Settings for provider rate limits: requests and tokens per minute, for the whole client and per model.</summary>
/// <remarks>
/// Set them a little under the provider's quota, so that the service waits for a permit here instead of collecting 429s.
/// The rate-limit stage is added only when a limit is set. Each limit is a sliding one-minute window counted in 60
/// one-second slices (<c>System.Threading.RateLimiting.SlidingWindowRateLimiter</c>). A call takes one request permit
/// and, as OpenAI counts it, its estimated input tokens plus its maximum output tokens as token permits.
/// </remarks>
public sealed class RateLimitOptions
{
    /// <summary>Gets or sets the requests per minute every call through the client shares.</summary>
    /// <value>From 1 to 100,000,000; <see langword="null"/> (the default) for no limit.</value>
    [Range(1, 100_000_000)]
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the tokens per minute every call through the client shares.</summary>
    /// <value>From 1 to 2,000,000,000; <see langword="null"/> (the default) for no limit.</value>
    [Range(1, 2_000_000_000)]
    public int? TokensPerMinute { get; set; }

    /// <summary>Gets the limits of single models, by model id (case-insensitive); they apply on top of the client's.</summary>
    public IDictionary<string, ModelRateLimit> Models { get; } = new Dictionary<string, ModelRateLimit>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets how long a call waits for its permits before it fails with <see cref="RateLimitExceededException"/>.</summary>
    /// <value>From 0 (never wait) to 10 minutes. The default is 30 seconds.</value>
    [TimeSpanRange("00:00:00", "00:10:00")]
    public TimeSpan MaxWait { get; set; } = RateLimitConstants.DefaultMaxWait;

    /// <summary>Gets or sets the output tokens a call's token estimate assumes when it sets no <see cref="ChatOptions.MaxOutputTokens"/>.</summary>
    /// <value>From 1 to 1,000,000. The default is 1024.</value>
    [Range(1, 1_000_000)]
    public int DefaultMaxOutputTokens { get; set; } = RateLimitConstants.DefaultMaxOutputTokens;

    /// <summary>Gets or sets the model that answers a call whose model's own limit has no permit for it within <see cref="MaxWait"/>.</summary>
    /// <value>The default is <see langword="null"/>: such a call fails with <see cref="RateLimitExceededException"/>.</value>
    /// <remarks>
    /// A model's <see cref="ModelRateLimit.FallbackModelId"/> wins over this one. The fallback gets one immediate try at its
    /// own model limit and whatever is left of <see cref="MaxWait"/>; its own fallback is never followed. A call the
    /// client-wide limit refuses is not rerouted, because every model shares that limit.
    /// </remarks>
    public string? FallbackModelId { get; set; }
}

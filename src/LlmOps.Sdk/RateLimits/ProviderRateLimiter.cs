using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.RateLimits;

/// <summary>The limiters of one pipeline: the client's and each configured model's.</summary>
/// <remarks>One per pipeline (a singleton with DI), so that every client the pipeline builds draws from the same quota. Thread-safe.</remarks>
internal sealed class ProviderRateLimiter : IDisposable
{
    private readonly Dictionary<string, ModelLimiter> _models;

    public ProviderRateLimiter(RateLimitOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Options = options;
        TimeProvider = timeProvider;
        Logger = logger;
        Client = options.RequestsPerMinute is null && options.TokensPerMinute is null
            ? null
            : new ModelLimiter(RateLimitConstants.Client, options.RequestsPerMinute, options.TokensPerMinute, timeProvider, logger);
        _models = new Dictionary<string, ModelLimiter>(StringComparer.OrdinalIgnoreCase);
        foreach (var (model, limit) in options.Models)
        {
            if (limit.RequestsPerMinute is not null || limit.TokensPerMinute is not null)
            {
                _models[model] = new ModelLimiter(model, limit.RequestsPerMinute, limit.TokensPerMinute, timeProvider, logger);
            }
        }

        CountsTokens = Client?.Tokens is not null || _models.Values.Any(static m => m.Tokens is not null);
    }

    public RateLimitOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    /// <summary>Gets the limiter every call shares, or <see langword="null"/> when the client has no limit of its own.</summary>
    public ModelLimiter? Client { get; }

    /// <summary>Gets whether any limit is configured at all.</summary>
    public bool IsEmpty => Client is null && _models.Count == 0;

    /// <summary>Returns the limiter of a model, or <see langword="null"/> when it has none of its own.</summary>
    public ModelLimiter? ForModel(string? model) =>
        model is not null && _models.Count > 0 && _models.TryGetValue(model, out var limiter) ? limiter : null;

    /// <summary>Gets whether any limiter counts tokens, so that a call's tokens need estimating.</summary>
    public bool CountsTokens { get; }

    public void Dispose()
    {
        Client?.Dispose();
        foreach (var limiter in _models.Values)
        {
            limiter.Dispose();
        }
    }
}

using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Caching;

/// <summary>Hands an answer to the cache when it may be stored, and counts and logs each answer it does not store.</summary>
/// <remarks>
/// Thread-safe. An answer the policy refuses is never stored, by design, and not counted. One that is too large for
/// <see cref="HybridCacheOptions.MaximumPayloadBytes"/>, or that the cache fails to take, is counted on
/// <c>llmops.cache.skipped</c> with its reason, and the first of each run of such skips is logged.
/// </remarks>
internal sealed class ResponseCacheStore
{
    private readonly HybridCache _cache;
    private readonly ResponseCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ResponseCacheMetrics _metrics;
    private readonly long _maximumPayloadBytes;
    private readonly ILogger _logger;

    // 1 while skips of that kind go unlogged: the first of a run is logged, the rest counted, until a store succeeds.
    private int _tooLargeEpisode;
    private int _storeFailedEpisode;

    public ResponseCacheStore(
        HybridCache cache, ResponseCacheOptions options, TimeProvider time, ResponseCacheMetrics metrics, long maximumPayloadBytes, ILogger logger)
    {
        _cache = cache;
        _options = options;
        _time = time;
        _metrics = metrics;
        _maximumPayloadBytes = maximumPayloadBytes;
        _logger = logger;
    }

    /// <summary>Stores <paramref name="response"/> under <paramref name="key"/> for <paramref name="duration"/> when the policy and the size allow.</summary>
    /// <returns>The answer's bytes, for any identical call that joined this one, stored or not; <see langword="null"/> when it cannot be written as bytes.</returns>
    public async ValueTask<byte[]?> StoreAsync(
        string key, ChatResponse response, TimeSpan duration, ChatOptions? options, CancellationToken cancellationToken)
    {
        var payload = CachedResponsePayload.TryWrite(response, _time.GetUtcNow() + duration);
        if (payload is null || !ResponsePolicyAllows(response))
        {
            return payload;
        }

        // HybridCache would serialize these bytes as they are and drop them past its limit, telling only its own log.
        if (payload.Length > _maximumPayloadBytes)
        {
            _metrics.RecordSkipped(LlmOpsTelemetry.Values.CacheSkipTooLarge);
            if (Interlocked.Exchange(ref _tooLargeEpisode, 1) == 0)
            {
                ResponseCacheLog.TooLarge(_logger, Describe(options), payload.Length, _maximumPayloadBytes);
            }

            return payload; // still the answer of any identical call that joined this one
        }

        var local = _options.LocalDuration is { } limit && limit < duration ? limit : duration;
        var entry = new HybridCacheEntryOptions { Expiration = duration, LocalCacheExpiration = local };
        try
        {
            await _cache.SetAsync(key, payload, entry, cancellationToken: cancellationToken);
        }
#pragma warning disable CA1031 // The answer is already the caller's: a cache that cannot store it must not fail the call.
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            _metrics.RecordSkipped(LlmOpsTelemetry.Values.CacheSkipStoreFailed);
            if (Interlocked.Exchange(ref _storeFailedEpisode, 1) == 0)
            {
                ResponseCacheLog.StoreFailed(_logger, Describe(options), exception);
            }

            return payload;
        }

        EndEpisode(ref _tooLargeEpisode);
        EndEpisode(ref _storeFailedEpisode);
        return payload;
    }

    private static void EndEpisode(ref int episode)
    {
        if (Volatile.Read(ref episode) != 0) // read first: a store that follows a store writes nothing shared
        {
            Volatile.Write(ref episode, 0);
        }
    }

    private static string Describe(ChatOptions? options) =>
        options.GetRenderedPrompt() is { } prompt ? $"prompt '{prompt.Name}' version {prompt.Version}" : "a call that names no prompt";

    private bool ResponsePolicyAllows(ChatResponse response) => ResponseCachePolicy.IsCacheable(response, _options.CacheToolCalls);
}

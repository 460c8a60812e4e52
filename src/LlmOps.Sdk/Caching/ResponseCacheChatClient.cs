using System.Runtime.CompilerServices;
using LlmOps.Sdk.Pipeline;
using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Sdk.Caching;

/// <summary>Answers a repeated call from a <see cref="HybridCache"/> instead of the provider, when the call or its prompt opts in.</summary>
/// <remarks>
/// <para>
/// Thread-safe. A call is looked up when its options say <c>WithCache()</c>, its prompt version has cache settings,
/// or <see cref="ResponseCacheOptions.CacheAllCalls"/> is on; <c>WithoutCache()</c> turns it off. Its key is a SHA-256
/// of everything that changes the answer (see <see cref="ResponseCacheKey"/>). Only complete answers are stored
/// (<see cref="ResponseCachePolicy"/>); errors, cut streams and cancelled calls never are.
/// </para>
/// <para>
/// Concurrent identical calls make one provider call: the <see cref="HybridCache"/> runs one factory per key and
/// the others wait for it. They all receive its answer, even one that is not stored (cut by the token limit, say),
/// each as a copy of their own. A streaming miss streams from the provider as it arrives, so it is not joined with
/// others; its assembled response is stored when the stream ends normally, and replayed as a stream on a hit.
/// </para>
/// <para>
/// An answer whose stored bytes would exceed <see cref="HybridCacheOptions.MaximumPayloadBytes"/> (1 MB unless the
/// host raises it), which <see cref="HybridCache"/> would drop with only a log line of its own, is not handed to it:
/// the call keeps its answer, the skip is counted on <c>llmops.cache.skipped</c>, and the first of a run of skips is logged.
/// </para>
/// <para>
/// An answer from the cache has <c>AdditionalProperties["llmops.cache.hit"] = true</c> (on a stream, on its first
/// update); <see cref="ResponseCacheChatOptionsExtensions.IsFromCache"/> reads it.
/// </para>
/// </remarks>
public sealed class ResponseCacheChatClient : DelegatingChatClient
{
    // Lookups never write: the factory stores an answer itself, and only when it may be stored.
    private static readonly HybridCacheEntryOptions LookupOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private static readonly HybridCacheEntryOptions RefreshOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead
            | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private static readonly HybridCacheEntryOptions ReadOnlyOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite
            | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private readonly HybridCache _cache;
    private readonly ResponseCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ChatClientMetadata? _provider;
    private readonly ModelPriceTable? _prices;
    private readonly ResponseCacheMetrics _metrics;
    private readonly ResponseCacheStore _store;

    /// <summary>Initializes a new instance of the <see cref="ResponseCacheChatClient"/> class.</summary>
    /// <param name="innerClient">The client that answers a miss.</param>
    /// <param name="cache">Where answers are kept: in memory, and in the host's <c>IDistributedCache</c> (Redis) when it registers one.</param>
    /// <param name="options">Durations, what is cached and the key prefix; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock an answer's duration is measured on; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public ResponseCacheChatClient(IChatClient innerClient, HybridCache cache, ResponseCacheOptions? options = null, TimeProvider? timeProvider = null)
        : this(innerClient, cache, options, timeProvider, prices: null, metrics: null, maximumPayloadBytes: null, logger: null)
    {
    }

    internal ResponseCacheChatClient(
        IChatClient innerClient, HybridCache cache, ResponseCacheOptions? options, TimeProvider? timeProvider,
        ModelPriceTable? prices, ResponseCacheMetrics? metrics, long? maximumPayloadBytes, ILogger? logger)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _options = options ?? new();
        _time = timeProvider ?? TimeProvider.System;
        _provider = innerClient.GetService<ChatClientMetadata>();
        _prices = prices;
        _metrics = metrics ?? ResponseCacheTelemetry.Shared;
        _store = new ResponseCacheStore(
            cache, _options, _time, _metrics, maximumPayloadBytes ?? ResponseCacheConstants.DefaultMaximumPayloadBytes, logger ?? NullLogger.Instance);
    }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!TryPlan(messages, options, out var key, out var duration))
        {
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        return GetCachedResponseAsync(messages, options, key, duration, cancellationToken);
    }

    private async Task<ChatResponse> GetCachedResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, string key, TimeSpan duration, CancellationToken cancellationToken)
    {
        var activity = LlmOpsActivity.Current; // read before awaiting: the span is current while the call starts
        var fill = new CacheFill(this, messages, options, key, duration);
        var payload = await _cache.GetOrCreateAsync(key, fill, static (fill, token) => fill.RunAsync(token), LookupOptions, cancellationToken: cancellationToken);
        if (fill.Response is { } own)
        {
            _metrics.RecordMiss(activity);
            return own;
        }

        // Answered by the cache, or by an identical call already in flight: either way, no provider call of our own.
        if (CachedResponsePayload.TryRead(payload, _time.GetUtcNow(), out var cached))
        {
            return Hit(activity, cached!, options); // TryRead returned true, so it read a response
        }

        // Stored longer ago than its own duration allows (by our clock): ask again, joined with others doing the same.
        var refresh = new CacheFill(this, messages, options, key, duration);
        payload = await _cache.GetOrCreateAsync(key, refresh, static (fill, token) => fill.RunAsync(token), RefreshOptions, cancellationToken: cancellationToken);
        if (refresh.Response is { } fresh)
        {
            _metrics.RecordMiss(activity);
            return fresh;
        }

        if (CachedResponsePayload.TryRead(payload, _time.GetUtcNow(), out cached))
        {
            return Hit(activity, cached!, options);
        }

        _metrics.RecordMiss(activity); // the joined answer could not be stored as bytes: ask for one of our own
        return await base.GetResponseAsync(messages, options, cancellationToken);
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        TryPlan(messages, options, out var key, out var duration)
            ? StreamCachedAsync(messages, options, key, duration, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> StreamCachedAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, string key, TimeSpan duration,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var activity = LlmOpsActivity.Current;
        var payload = await _cache.GetOrCreateAsync(key, static _ => ValueTask.FromResult<byte[]?>(null), ReadOnlyOptions, cancellationToken: cancellationToken);
        if (CachedResponsePayload.TryRead(payload, _time.GetUtcNow(), out var cached))
        {
            var hit = Hit(activity, cached!, options); // TryRead returned true, so it read a response
            foreach (var update in ResponseReplay.ToUpdates(hit))
            {
                yield return update;
            }

            yield break;
        }

        _metrics.RecordMiss(activity);
        List<ChatResponseUpdate> updates = [];
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
            yield return update;
        }

        // Only a stream that ran to its end is stored: one the caller stopped, or that failed, never gets here.
        if (!cancellationToken.IsCancellationRequested)
        {
            await _store.StoreAsync(key, updates.ToChatResponse(), duration, options, cancellationToken);
        }
    }

    private ChatResponse Hit(System.Diagnostics.Activity? activity, ChatResponse response, ChatOptions? options)
    {
        (response.AdditionalProperties ??= [])[ResponseCacheConstants.HitKey] = true;
        _metrics.RecordHit(activity, _prices, response, options, _provider?.DefaultModelId);
        return response;
    }

    private bool TryPlan(IEnumerable<ChatMessage> messages, ChatOptions? options, out string key, out TimeSpan duration)
    {
        key = string.Empty;
        duration = default;
        if (!ResponseCachePlan.TryGetDuration(options, _options, out duration))
        {
            return false;
        }

        if (ResponseCacheKey.TryCompute(_options.KeyPrefix, _provider, messages, options) is not { } computed)
        {
            return false;
        }

        key = computed;
        return true;
    }

    /// <summary>One caller's miss: asks the provider once, stores the answer when it may be stored, and hands its bytes to any joined caller.</summary>
    private sealed class CacheFill(ResponseCacheChatClient owner, IEnumerable<ChatMessage> messages, ChatOptions? options, string key, TimeSpan duration)
    {
        /// <summary>Gets the provider's answer, when this caller's factory is the one that ran.</summary>
        public ChatResponse? Response { get; private set; }

        public async ValueTask<byte[]?> RunAsync(CancellationToken cancellationToken)
        {
            // The token is the cache's: cancelled only when every joined caller has given up.
            var response = await owner.InnerClient.GetResponseAsync(messages, options, cancellationToken);
            Response = response;
            return await owner._store.StoreAsync(key, response, duration, options, cancellationToken);
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;

/// <summary>A one-level HybridCache over a dictionary, enough for the response cache's own code to run under native AOT.</summary>
/// <remarks>Values are kept as they were given: the response cache stores byte arrays it never changes afterwards.</remarks>
internal sealed class DictionaryHybridCache : HybridCache
{
    private readonly ConcurrentDictionary<string, object?> _entries = new(StringComparer.Ordinal);

    public override async ValueTask<T> GetOrCreateAsync<TState, T>(
        string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options = null,
        IEnumerable<string>? tags = null, CancellationToken cancellationToken = default)
    {
        var flags = options?.Flags ?? HybridCacheEntryFlags.None;
        if ((flags & HybridCacheEntryFlags.DisableLocalCacheRead) == 0 && _entries.TryGetValue(key, out var found))
        {
            return (T)found!;
        }

        if ((flags & HybridCacheEntryFlags.DisableUnderlyingData) != 0)
        {
            return default!;
        }

        var value = await factory(state, cancellationToken);
        if ((flags & HybridCacheEntryFlags.DisableLocalCacheWrite) == 0)
        {
            _entries[key] = value;
        }

        return value;
    }

    public override ValueTask SetAsync<T>(
        string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default)
    {
        _entries[key] = value;
        return ValueTask.CompletedTask;
    }

    public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        _entries.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace LlmOps.Sdk.Prompts;

/// <summary>Resolves prompts from one or more stores, with an in-process cache.</summary>
/// <remarks>
/// <para>
/// Thread-safe. A prompt read from a store is served from the cache for <see cref="PromptOptions.CacheDuration"/>;
/// past that it is still served (state <see cref="PromptResolutionState.Stale"/>) while one background refresh per
/// prompt reads it again. When the store fails, the last good version keeps serving; with nothing cached, a fallback
/// prompt given in code serves (state <see cref="PromptResolutionState.Fallback"/>); with neither, the call fails with
/// a <see cref="PromptException"/>. Concurrent calls for a prompt that is not cached share one store read.
/// </para>
/// <para>
/// When a store announces a change through <see cref="IPromptStore.Watch"/>, every cached prompt is read again on its
/// next use, so edits and label moves take effect at once. A label removed from the store stops serving at the first
/// read after its removal, and the error says it was removed.
/// </para>
/// <para>Stores are asked in order; the first that has a prompt of the name serves all of it.</para>
/// <para>
/// A name that no store has is cached as missing while the cache holds at most 4,096 names; past that, such a name is
/// read from the stores each time it is asked for, so names that come from callers cannot grow the cache without bound.
/// </para>
/// <para>
/// With <see cref="PromptOptions.SnapshotPath"/> set, the prompts read from the stores are kept in that file. A prompt
/// that the stores cannot serve and that is not cached is served from the file (state
/// <see cref="PromptResolutionState.Snapshot"/>, a warning logged, counted in <c>llmops.prompt.snapshot.served</c>),
/// and the stores are asked again every few seconds, so the registry switches back to them when they answer.
/// </para>
/// </remarks>
public sealed class PromptRegistry : IPromptRegistry, IDisposable
{
    /// <summary>How many prompt names are cached before a name that no store has stops being cached.</summary>
    /// <remarks>Prompt names can come from callers (a route, a tenant's setting): unknown ones must not grow the cache for ever.</remarks>
    internal const int MaxCachedNames = 4096;

    private static readonly string[] VariantNames = [.. Enumerable.Range(0, 64).Select(static v => $"v{v}")];

    private readonly IPromptStore[] _stores;
    private readonly Dictionary<string, PromptVersion> _fallbacks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PromptCacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _cacheTicks;
    private readonly long _failedRefreshTicks;
    private readonly string _defaultLabel;
    private readonly PromptSnapshotFile? _snapshotFile;
    private readonly Dictionary<string, PromptDefinition> _snapshot;
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _snapshotServed;
    private int _generation;

    /// <summary>Initializes a new instance of the <see cref="PromptRegistry"/> class.</summary>
    /// <param name="stores">The stores to read, in order of precedence; at least one.</param>
    /// <param name="options">Cache duration and default label; the defaults when <see langword="null"/>.</param>
    /// <param name="fallbacks">Prompts to serve, by name, when the stores fail and nothing is cached.</param>
    /// <param name="timeProvider">The clock for cache ages; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where store failures are logged.</param>
    /// <param name="meterFactory">Creates the meter that counts snapshot resolutions; when <see langword="null"/>, the registry owns one.</param>
    public PromptRegistry(
        IEnumerable<IPromptStore> stores,
        PromptOptions? options = null,
        IEnumerable<PromptVersion>? fallbacks = null,
        TimeProvider? timeProvider = null,
        ILogger<PromptRegistry>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _stores = [.. stores];
        if (_stores.Length == 0)
        {
            throw new ArgumentException("A prompt registry needs at least one prompt store.", nameof(stores));
        }

        options ??= new PromptOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<PromptRegistry>.Instance;
        _cacheTicks = ToTicks(options.CacheDuration);
        _failedRefreshTicks = ToTicks(options.CacheDuration < PromptConstants.FailedRefreshBackoff
            ? options.CacheDuration
            : PromptConstants.FailedRefreshBackoff);
        _defaultLabel = options.DefaultLabel;
        foreach (var fallback in fallbacks ?? [])
        {
            _fallbacks[fallback.Name] = fallback;
        }

        if (options.SnapshotPath is { Length: > 0 } snapshotPath)
        {
            _snapshotFile = new PromptSnapshotFile(snapshotPath, _time, _logger);
            _snapshot = _snapshotFile.Load();
        }
        else
        {
            _snapshot = new(StringComparer.Ordinal);
        }

        var meter = meterFactory?.Create(LlmOpsTelemetry.SourceName);
        if (meter is null)
        {
            _ownedMeter = meter = new Meter(LlmOpsTelemetry.SourceName);
        }

        _snapshotServed = meter.CreateCounter<long>(LlmOpsTelemetry.Metrics.PromptSnapshotServed, "{resolution}",
            "Prompt resolutions served from the snapshot file because the stores failed.");

        foreach (var store in _stores)
        {
            if (store is IPromptChangeNotifier notifier)
            {
                _subscriptions.Add(notifier.OnPromptChanged(OnPromptChanged));
            }
            else if (store.Watch() is not null)
            {
                _subscriptions.Add(ChangeToken.OnChange(() => WatchStore(store), OnStoreChanged));
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<PromptResolution> ResolveAsync(PromptReference reference, CancellationToken cancellationToken = default)
    {
        if (!PromptName.IsValid(reference.Name))
        {
            PromptName.ThrowIfInvalid(reference.Name);
        }

        if (_cacheTicks == 0)
        {
            return ResolveUncachedAsync(reference, cancellationToken);
        }

        var entry = _entries.GetOrAdd(reference.Name, static name => new PromptCacheEntry(name));
        var snapshot = entry.Current;
        if (snapshot is null || snapshot.Generation != GenerationOf(entry))
        {
            return ResolveColdAsync(entry, snapshot, reference, cancellationToken);
        }

        var now = _time.GetTimestamp();
        if (now < snapshot.RefreshAt)
        {
            return new(Select(snapshot, reference, snapshot.FromSnapshotFile ? PromptResolutionState.Snapshot
                : snapshot.RefreshFailed ? PromptResolutionState.Stale : PromptResolutionState.Cached));
        }

        StartRefresh(entry, snapshot);
        return new(Select(snapshot, reference, snapshot.FromSnapshotFile ? PromptResolutionState.Snapshot : PromptResolutionState.Stale));
    }

    /// <summary>Stops listening to the stores' change notifications, and writes the snapshot file if it has pending changes.</summary>
    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _snapshotFile?.Dispose();
        _ownedMeter?.Dispose();
    }

    private async ValueTask<PromptResolution> ResolveColdAsync(
        PromptCacheEntry entry, PromptSnapshot? seen, PromptReference reference, CancellationToken cancellationToken)
    {
        PromptSnapshot snapshot;
        try
        {
            snapshot = await LoadSharedAsync(entry, seen).WaitAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (entry.Current is { Definition: not null } lastGood)
            {
                PromptLog.ServingLastGood(_logger, entry.Name, _time.GetElapsedTime(lastGood.LoadedAt).TotalSeconds, error);
                return Select(lastGood, reference, lastGood.FromSnapshotFile ? PromptResolutionState.Snapshot : PromptResolutionState.Stale);
            }

            if (_snapshot.TryGetValue(entry.Name, out var kept))
            {
                // Cached as a failed refresh, so that calls serve it at once and the stores are asked again after a pause.
                var now = _time.GetTimestamp();
                var fromFile = new PromptSnapshot(kept, null, now, now + _failedRefreshTicks, GenerationOf(entry), true, FromSnapshotFile: true);
                entry.Current = fromFile;
                return ServeSnapshot(fromFile, reference, error);
            }

            return ServeFallbackOrThrow(reference, error);
        }

        return Select(snapshot, reference, PromptResolutionState.Fresh);
    }

    private async ValueTask<PromptResolution> ResolveUncachedAsync(PromptReference reference, CancellationToken cancellationToken)
    {
        PromptDefinition? definition;
        try
        {
            definition = await ReadStoresAsync(reference.Name, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (_snapshot.TryGetValue(reference.Name, out var kept))
            {
                var at = _time.GetTimestamp();
                return ServeSnapshot(new PromptSnapshot(kept, null, at, at, 0, true, FromSnapshotFile: true), reference, error);
            }

            return ServeFallbackOrThrow(reference, error);
        }

        if (definition is not null)
        {
            _snapshotFile?.Record(definition);
        }

        var now = _time.GetTimestamp();
        return Select(new PromptSnapshot(definition, null, now, now, 0, false), reference, PromptResolutionState.Fresh);
    }

    /// <summary>Reads the prompt again unless a read that started after <paramref name="seen"/> is done or under way.</summary>
    private Task<PromptSnapshot> LoadSharedAsync(PromptCacheEntry entry, PromptSnapshot? seen)
    {
        lock (entry.Gate)
        {
            if (entry.Loading is { IsCompleted: false } inFlight)
            {
                return inFlight;
            }

            // Another caller finished a read between our look at the cache and this lock: use it.
            if (entry.Current is { } newer && !ReferenceEquals(newer, seen) && newer.Generation == GenerationOf(entry))
            {
                return Task.FromResult(newer);
            }

            var load = LoadAsync(entry);
            entry.Loading = load;
            return load;
        }
    }

    private async Task<PromptSnapshot> LoadAsync(PromptCacheEntry entry)
    {
        // Read the generation first: a change that lands during the read makes the next call read again.
        var generation = GenerationOf(entry);

        // Not the caller's token: other callers wait on this read too, each with its own.
        var definition = await ReadStoresAsync(entry.Name, CancellationToken.None);
        var now = _time.GetTimestamp();
        var snapshot = new PromptSnapshot(definition, entry.Current?.Definition, now, now + _cacheTicks, generation, false);
        entry.Current = snapshot;
        if (definition is not null)
        {
            _snapshotFile?.Record(definition);
        }
        else if (_entries.Count > MaxCachedNames)
        {
            // Served as not found, and read again when asked again: the names the stores have stay cached.
            _entries.TryRemove(new KeyValuePair<string, PromptCacheEntry>(entry.Name, entry));
        }

        PromptLog.Loaded(_logger, entry.Name);
        return snapshot;
    }

    private void StartRefresh(PromptCacheEntry entry, PromptSnapshot stale)
    {
        if (Interlocked.CompareExchange(ref entry.Refreshing, 1, 0) == 0)
        {
            _ = RefreshAsync(entry, stale);
        }
    }

    private async Task RefreshAsync(PromptCacheEntry entry, PromptSnapshot stale)
    {
        try
        {
            await LoadSharedAsync(entry, stale);
        }
        catch (Exception error)
        {
            // Keep serving the last good version, and ask the store again after a short pause rather than on every call.
            if (entry.Current is { } lastGood)
            {
                PromptLog.ServingLastGood(_logger, entry.Name, _time.GetElapsedTime(lastGood.LoadedAt).TotalSeconds, error);
                entry.Current = lastGood with { RefreshAt = _time.GetTimestamp() + _failedRefreshTicks, RefreshFailed = true };
            }
        }
        finally
        {
            Volatile.Write(ref entry.Refreshing, 0);
        }
    }

    private async ValueTask<PromptDefinition?> ReadStoresAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var store in _stores)
        {
            if (await store.GetPromptAsync(name, cancellationToken) is { } definition)
            {
                return definition;
            }
        }

        return null;
    }

    private PromptResolution ServeFallbackOrThrow(PromptReference reference, Exception error)
    {
        if (_fallbacks.TryGetValue(reference.Name, out var fallback))
        {
            PromptLog.ServingFallback(_logger, reference.Name, error);
            return new PromptResolution(fallback, reference.Label, null, PromptResolutionState.Fallback);
        }

        // Each place a version could have come from is named, so the reader knows nothing else was left to try.
        var snapshot = _snapshotFile is null
            ? "no snapshot file is configured (LlmOps:Prompts:SnapshotPath)"
            : $"the snapshot file '{_snapshotFile.Path}' holds no version of it";
        throw new PromptException(
            $"Prompt '{reference.Name}' could not be read from the prompt store, and there is no cached version to serve; {snapshot}; " +
            $"and no fallback prompt is given in code. The store said: {error.Message} " +
            "Fix the store, set a snapshot file so that a service keeps serving what it last served, or give a fallback prompt in code (AddPromptFallback).", error)
        {
            PromptName = reference.Name,
            Label = reference.Label,
            Version = reference.Version,
        };
    }

    private PromptResolution ServeSnapshot(PromptSnapshot fromFile, PromptReference reference, Exception error)
    {
        var resolution = Select(fromFile, reference, PromptResolutionState.Snapshot);
        PromptLog.ServingSnapshot(_logger, reference.Name, _snapshotFile!.Path, error); // only a configured file fills _snapshot
        _snapshotServed.Add(1);
        return resolution;
    }

    private PromptResolution Select(PromptSnapshot snapshot, PromptReference reference, PromptResolutionState state)
    {
        var definition = snapshot.Definition ?? throw NotFound(reference, snapshot);
        if (reference.Version is { } number)
        {
            return definition.Versions.TryGetValue(number, out var exact)
                ? new PromptResolution(exact, null, null, state)
                : throw VersionNotFound(definition, number);
        }

        var label = reference.Label ?? _defaultLabel;
        if (definition.Targets.TryGetValue(label, out var targets))
        {
            var chosen = TrafficSplit.Choose(targets.Weights, definition.Name, label, reference.SplitKey);
            var version = targets.Versions[chosen];
            var variant = targets.Weights.Length == 1 ? null
                : version.Version < VariantNames.Length ? VariantNames[version.Version] : $"v{version.Version}";
            return new PromptResolution(version, label, variant, state);
        }

        if (label == PromptConstants.LatestLabel && definition.LatestVersion > 0)
        {
            return new PromptResolution(definition.Versions[definition.LatestVersion], label, null, state);
        }

        throw LabelNotFound(definition, label, snapshot.Previous, reference.Label is null);
    }

    private static PromptException NotFound(PromptReference reference, PromptSnapshot snapshot) => new(
        snapshot.Previous is not null
            ? $"Prompt '{reference.Name}' was removed from the prompt store and is no longer served. Restore it in the store, or stop calling it."
            : $"Prompt '{reference.Name}' is not in any prompt store. Check the name, or add the prompt (a folder '{reference.Name}' in the prompts directory, or AddPrompts in code).")
    {
        PromptName = reference.Name,
        Label = reference.Label,
        Version = reference.Version,
    };

    private static PromptException VersionNotFound(PromptDefinition definition, int version) => new(
        $"Prompt '{definition.Name}' has no version {version} (versions: {string.Join(", ", definition.Versions.Keys)}). Call an existing version, or publish version {version}.")
    {
        PromptName = definition.Name,
        Version = version,
    };

    private static PromptException LabelNotFound(PromptDefinition definition, string label, PromptDefinition? previous, bool isDefault)
    {
        var labels = definition.Labels.Count == 0 ? "none" : string.Join(", ", definition.Labels.Keys.Order(StringComparer.Ordinal));
        var message = previous?.Labels.ContainsKey(label) == true
            ? $"Label '{label}' of prompt '{definition.Name}' was removed from the prompt store and is no longer served (labels now: {labels}). Point the label at a version again, or call another label."
            : $"Prompt '{definition.Name}' has no label '{label}'{(isDefault ? " (the default label)" : string.Empty)} (labels: {labels}; 'latest' is always version {definition.LatestVersion}). Add the label in the store, or call an existing label or version.";
        return new PromptException(message) { PromptName = definition.Name, Label = label };
    }

    /// <summary>Asks a store for its next change token; runs inside the store's change callback, so it never throws.</summary>
    private IChangeToken? WatchStore(IPromptStore store)
    {
        try
        {
            return store.Watch();
        }
#pragma warning disable CA1031 // an exception here would surface in whatever thread the store announced its change on
        catch (Exception error)
#pragma warning restore CA1031
        {
            PromptLog.StoreWatchFailed(_logger, store.GetType().Name, error);
            return null;
        }
    }

    private void OnStoreChanged()
    {
        Interlocked.Increment(ref _generation);
        PromptLog.StoreChanged(_logger);
    }

    // Runs on the store's notification thread: marks one prompt for reading again, and never throws.
    private void OnPromptChanged(string? promptName)
    {
        if (promptName is null || !PromptName.IsValid(promptName))
        {
            OnStoreChanged(); // anything may have changed, or a name this registry cannot look up: drop everything
            return;
        }

        if (_entries.TryGetValue(promptName, out var entry))
        {
            Interlocked.Increment(ref entry.Changes);
            PromptLog.PromptChanged(_logger, promptName);
        }
    }

    /// <summary>Gets how many prompt names the cache holds, for tests.</summary>
    internal int CachedNameCount => _entries.Count;

    // Both counters only grow, so their sum changes whenever either does: the whole store's, or this prompt's own.
    private int GenerationOf(PromptCacheEntry entry) => Volatile.Read(ref _generation) + Volatile.Read(ref entry.Changes);

    private long ToTicks(TimeSpan duration) => (long)(duration.TotalSeconds * _time.TimestampFrequency);
}

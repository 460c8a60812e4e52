using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Prompts;

public sealed class PromptRegistryTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ResolveAsync_NoLabelNoVersion_ServesTheDefaultLabel()
    {
        var store = new InMemoryPromptStore().Add(Text("greet", 1), "production").Add(Text("greet", 2), "staging");
        using var registry = Registry(store);

        var resolution = await registry.ResolveAsync(new PromptReference("greet"));

        Assert.Equal((1, "production"), (resolution.Prompt.Version, resolution.Label));
    }

    [Fact]
    public async Task ResolveAsync_Latest_ServesTheHighestVersionWithoutALabel()
    {
        var store = new InMemoryPromptStore().Add(Text("greet", 1), "production").Add(Text("greet", 3)).Add(Text("greet", 2));
        using var registry = Registry(store);

        var resolution = await registry.ResolveAsync(new PromptReference("greet", Label: "latest"));

        Assert.Equal(3, resolution.Prompt.Version);
    }

    [Fact]
    public async Task ResolveAsync_ExactVersion_WinsOverLabel()
    {
        var store = new InMemoryPromptStore().Add(Text("greet", 1), "production").Add(Text("greet", 2));
        using var registry = Registry(store);

        var resolution = await registry.ResolveAsync(new PromptReference("greet", Label: "production", Version: 2));

        Assert.Equal(2, resolution.Prompt.Version);
        Assert.Null(resolution.Label);
    }

    [Fact]
    public async Task ResolveAsync_UnknownPrompt_ThrowsNamingThePromptAndTheFix()
    {
        using var registry = Registry(new InMemoryPromptStore());

        var error = await Assert.ThrowsAsync<PromptException>(() => registry.ResolveAsync(new PromptReference("nope")).AsTask());

        Assert.Equal("nope", error.PromptName);
        Assert.Contains("'nope' is not in any prompt store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_ManyUnknownNames_CacheStopsGrowingAndKnownPromptStaysCached()
    {
        var store = new CountingStore(new InMemoryPromptStore().Add(Text("greet", 1), "production"));
        using var registry = Registry(store);
        await registry.ResolveAsync(new PromptReference("greet"));

        // Names taken from callers, none of them in a store.
        for (var i = 0; i < PromptRegistry.MaxCachedNames + 500; i++)
        {
            await Assert.ThrowsAsync<PromptException>(() => registry.ResolveAsync(new PromptReference($"tenant-{i}")).AsTask());
        }

        var reads = store.Reads;
        var known = await registry.ResolveAsync(new PromptReference("greet"));

        Assert.InRange(registry.CachedNameCount, 1, PromptRegistry.MaxCachedNames + 1);
        Assert.Equal((PromptResolutionState.Cached, reads), (known.State, store.Reads));
    }

    [Fact]
    public async Task ResolveAsync_UnknownVersion_ThrowsListingVersions()
    {
        using var registry = Registry(new InMemoryPromptStore().Add(Text("greet", 1)).Add(Text("greet", 2)));

        var error = await Assert.ThrowsAsync<PromptException>(() => registry.ResolveAsync(new PromptReference("greet", Version: 9)).AsTask());

        Assert.Contains("has no version 9 (versions: 1, 2)", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, error.Version);
    }

    [Fact]
    public async Task ResolveAsync_UnknownLabel_ThrowsListingLabels()
    {
        using var registry = Registry(new InMemoryPromptStore().Add(Text("greet", 1), "production", "canary"));

        var error = await Assert.ThrowsAsync<PromptException>(() => registry.ResolveAsync(new PromptReference("greet", Label: "staging")).AsTask());

        Assert.Contains("has no label 'staging' (labels: canary, production;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_WithinCacheDuration_ServesCachedWithoutReadingTheStore()
    {
        var store = new CountingStore(new InMemoryPromptStore().Add(Text("greet", 1), "production"));
        using var registry = Registry(store);

        var first = await registry.ResolveAsync(new PromptReference("greet"));
        _time.Advance(TimeSpan.FromSeconds(59));
        var second = await registry.ResolveAsync(new PromptReference("greet"));

        Assert.Equal((PromptResolutionState.Fresh, PromptResolutionState.Cached), (first.State, second.State));
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task ResolveAsync_CachedPrompt_CompletesSynchronously()
    {
        using var registry = Registry(new InMemoryPromptStore().Add(Text("greet", 1), "production"));
        await registry.ResolveAsync(new PromptReference("greet"));

        var pending = registry.ResolveAsync(new PromptReference("greet"));

        Assert.True(pending.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ResolveAsync_CachedPrompt_AllocatesNothing()
    {
        using var registry = Registry(new InMemoryPromptStore().Add(Text("greet", 1), "production"));
        await registry.ResolveAsync(new PromptReference("greet"));
        var served = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            served += (await registry.ResolveAsync(new PromptReference("greet", "production"))).Prompt.Version; // completes synchronously
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(100, served);
        Assert.True(allocated == 0, $"100 cached resolutions allocated {allocated} B; expected none.");
    }

    [Fact]
    public async Task ResolveAsync_PastCacheDuration_ServesStaleThenRefreshed()
    {
        var inner = new InMemoryPromptStore().Add(Text("greet", 1), "production");
        var store = new CountingStore(inner) { Announce = false };
        using var registry = Registry(store);
        await registry.ResolveAsync(new PromptReference("greet"));
        inner.Add(Text("greet", 2)).SetLabel("greet", "production", 2);
        _time.Advance(TimeSpan.FromSeconds(61));

        // The in-memory store answers synchronously, so the background refresh has finished when this returns.
        var stale = await registry.ResolveAsync(new PromptReference("greet"));
        var refreshed = await registry.ResolveAsync(new PromptReference("greet"));

        Assert.Equal((1, PromptResolutionState.Stale), (stale.Prompt.Version, stale.State));
        Assert.Equal((2, PromptResolutionState.Cached), (refreshed.Prompt.Version, refreshed.State));
    }

    [Fact]
    public async Task ResolveAsync_StoreAnnouncesChange_NextCallReadsAgain()
    {
        var store = new InMemoryPromptStore().Add(Text("greet", 1), "production");
        using var registry = Registry(store);
        await registry.ResolveAsync(new PromptReference("greet"));

        store.Add(Text("greet", 2)).SetLabel("greet", "production", 2);
        var moved = await registry.ResolveAsync(new PromptReference("greet"));

        Assert.Equal((2, PromptResolutionState.Fresh), (moved.Prompt.Version, moved.State));
    }

    [Fact]
    public async Task ResolveAsync_ColdKeyFrom64Callers_ReadsTheStoreOnce()
    {
        var gate = new TaskCompletionSource();
        var store = new CountingStore(new InMemoryPromptStore().Add(Text("greet", 1), "production")) { Gate = gate.Task };
        using var registry = Registry(store);

        var calls = Enumerable.Range(0, 64)
            .Select(_ => Task.Run(() => registry.ResolveAsync(new PromptReference("greet")).AsTask()))
            .ToArray();
        store.WaitForReads(1);
        gate.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, store.Reads);
        Assert.All(results, r => Assert.Equal(1, r.Prompt.Version));
    }

    [Fact]
    public async Task ResolveAsync_StoreFailsWithWarmCache_ServesLastGoodAsStale()
    {
        var store = new CountingStore(new InMemoryPromptStore().Add(Text("greet", 1), "production")) { Announce = false };
        using var registry = Registry(store);
        await registry.ResolveAsync(new PromptReference("greet"));
        store.Failure = new IOException("disk gone");
        _time.Advance(TimeSpan.FromSeconds(61));

        var first = await registry.ResolveAsync(new PromptReference("greet")); // its refresh fails synchronously
        var second = await registry.ResolveAsync(new PromptReference("greet"));

        Assert.Equal((1, PromptResolutionState.Stale), (first.Prompt.Version, first.State));
        Assert.Equal((1, PromptResolutionState.Stale), (second.Prompt.Version, second.State));
        Assert.Equal(2, store.Reads); // no read on every call: the next attempt waits for the back-off
    }

    [Fact]
    public async Task ResolveAsync_StoreFailsColdWithFallback_ServesFallback()
    {
        var store = new CountingStore(new InMemoryPromptStore()) { Failure = new IOException("disk gone") };
        using var registry = Registry(store, fallbacks: [Text("greet", 1, "fallback hello")]);

        var resolution = await registry.ResolveAsync(new PromptReference("greet"));

        Assert.Equal(PromptResolutionState.Fallback, resolution.State);
        Assert.Equal("fallback hello", resolution.Prompt.Text);
    }

    [Fact]
    public async Task ResolveAsync_StoreFailsColdWithoutFallback_ThrowsWithCauseAndFix()
    {
        var store = new CountingStore(new InMemoryPromptStore()) { Failure = new IOException("disk gone") };
        using var registry = Registry(store);

        var error = await Assert.ThrowsAsync<PromptException>(() => registry.ResolveAsync(new PromptReference("greet")).AsTask());

        Assert.Contains("'greet' could not be read from the prompt store", error.Message, StringComparison.Ordinal);
        Assert.Contains("disk gone", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddPromptFallback", error.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public async Task ResolveAsync_LabelRemovedFromSilentStore_StopsServingAfterCacheDuration()
    {
        var inner = new InMemoryPromptStore().Add(Text("greet", 1), "production", "canary");
        var store = new CountingStore(inner) { Announce = false };
        using var registry = Registry(store);
        await registry.ResolveAsync(new PromptReference("greet", Label: "canary"));
        inner.RemoveLabel("greet", "canary");

        var beforeExpiry = await registry.ResolveAsync(new PromptReference("greet", Label: "canary"));
        _time.Advance(TimeSpan.FromSeconds(61));
        await registry.ResolveAsync(new PromptReference("greet", Label: "production")); // stale, and refreshes synchronously
        var error = await Assert.ThrowsAsync<PromptException>(() => registry.ResolveAsync(new PromptReference("greet", Label: "canary")).AsTask());

        Assert.Equal(PromptResolutionState.Cached, beforeExpiry.State);
        Assert.Contains("Label 'canary' of prompt 'greet' was removed from the prompt store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_ZeroCacheDuration_ReadsTheStoreEveryCall()
    {
        var store = new CountingStore(new InMemoryPromptStore().Add(Text("greet", 1), "production"));
        using var registry = Registry(store, new PromptOptions { CacheDuration = TimeSpan.Zero });

        await registry.ResolveAsync(new PromptReference("greet"));
        await registry.ResolveAsync(new PromptReference("greet"));

        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task ResolveAsync_SeveralStores_FirstThatHasThePromptWins()
    {
        var first = new InMemoryPromptStore().Add(Text("a", 1, "from first"), "production");
        var second = new InMemoryPromptStore().Add(Text("a", 1, "from second"), "production").Add(Text("b", 1, "only second"), "production");
        using var registry = new PromptRegistry([first, second], timeProvider: _time);

        var a = await registry.ResolveAsync(new PromptReference("a"));
        var b = await registry.ResolveAsync(new PromptReference("b"));

        Assert.Equal(("from first", "only second"), (a.Prompt.Text, b.Prompt.Text));
    }

    [Fact]
    public async Task ResolveAsync_SplitLabel_SameKeyAlwaysGetsTheSameVersion()
    {
        var store = new InMemoryPromptStore().Add(Text("greet", 1)).Add(Text("greet", 2))
            .SetLabel("greet", "production", new PromptVersionWeight(1, 50), new PromptVersionWeight(2, 50));
        using var registry = Registry(store);

        var choices = new HashSet<int>();
        for (var i = 0; i < 20; i++)
        {
            choices.Add((await registry.ResolveAsync(new PromptReference("greet", SplitKey: "user-42"))).Prompt.Version);
        }

        Assert.Single(choices);
    }

    [Fact]
    public async Task ResolveAsync_SplitLabel_RecordsTheVariant()
    {
        var store = new InMemoryPromptStore().Add(Text("greet", 1)).Add(Text("greet", 2))
            .SetLabel("greet", "production", new PromptVersionWeight(1, 1), new PromptVersionWeight(2, 1));
        using var registry = Registry(store);

        var resolution = await registry.ResolveAsync(new PromptReference("greet", SplitKey: "user-7"));

        Assert.Equal($"v{resolution.Prompt.Version}", resolution.Variant);
    }

    [Fact]
    public async Task ResolveAsync_SplitLabelOver10000Keys_MatchesWeightsWithin2Points()
    {
        var store = new InMemoryPromptStore().Add(Text("greet", 1)).Add(Text("greet", 2)).Add(Text("greet", 3))
            .SetLabel("greet", "production", new PromptVersionWeight(1, 70), new PromptVersionWeight(2, 20), new PromptVersionWeight(3, 10));
        using var registry = Registry(store);

        var counts = new int[4];
        for (var i = 0; i < 10_000; i++)
        {
            counts[(await registry.ResolveAsync(new PromptReference("greet", SplitKey: $"user-{i}"))).Prompt.Version]++;
        }

        Assert.InRange(counts[1] / 100.0, 68, 72);
        Assert.InRange(counts[2] / 100.0, 18, 22);
        Assert.InRange(counts[3] / 100.0, 8, 12);
    }

    [Fact]
    public void InMemoryPromptStore_SameVersionOtherContent_ThrowsSuggestingNextNumber()
    {
        var store = new InMemoryPromptStore().Add(Text("greet", 1, "hello"));

        var error = Assert.Throws<ArgumentException>(() => store.Add(Text("greet", 1, "changed")));

        Assert.Contains("version 1 is already published with other content", error.Message, StringComparison.Ordinal);
        Assert.Contains("publish this one as version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InMemoryPromptStore_LabelOnMissingVersion_ThrowsNamingIt()
    {
        var store = new InMemoryPromptStore().Add(Text("greet", 1));

        var error = Assert.Throws<ArgumentException>(() => store.SetLabel("greet", "production", 4));

        Assert.Contains("Label 'production' of prompt 'greet' points to version 4, which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreChange_StoreWatchThrowsOnResubscribe_DoesNotThrowIntoTheStoreAndServesTheChange()
    {
        var inner = new InMemoryPromptStore().Add(Text("greet", 1), "production");
        var store = new CountingStore(inner);
        using var registry = Registry(store);
        await registry.ResolveAsync(new PromptReference("greet"));
        store.WatchFailure = new InvalidOperationException("watch failed");

        var error = Record.Exception(() => inner.Add(Text("greet", 2), "production"));

        Assert.Null(error);
        Assert.Equal(2, (await registry.ResolveAsync(new PromptReference("greet"))).Prompt.Version);
    }

    private PromptRegistry Registry(IPromptStore store, PromptOptions? options = null, PromptVersion[]? fallbacks = null) =>
        new([store], options, fallbacks, _time);

    private static PromptVersion Text(string name, int version, string? text = null) => new(name, version, text ?? $"{name} v{version}");

    /// <summary>Counts reads, can fail or hold them, and can hide changes to test the cache alone.</summary>
    private sealed class CountingStore(IPromptStore inner) : IPromptStore
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public Exception? Failure { get; set; }

        public Task Gate { get; set; } = Task.CompletedTask;

        public bool Announce { get; set; } = true;

        public async ValueTask<PromptDefinition?> GetPromptAsync(string name, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            await Gate;
            return Failure is { } failure ? throw failure : await inner.GetPromptAsync(name, cancellationToken);
        }

        public Exception? WatchFailure { get; set; }

        public IChangeToken? Watch() => WatchFailure is { } failure ? throw failure : Announce ? inner.Watch() : null;

        public void WaitForReads(int reads) =>
            Assert.True(SpinWait.SpinUntil(() => Reads >= reads, TimeSpan.FromSeconds(10)), $"Expected {reads} store reads, saw {Reads}.");
    }
}

using System.Diagnostics.Metrics;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Prompts;

/// <summary>The registry's snapshot file: kept from what the stores serve, served when they fail at start.</summary>
public sealed class PromptSnapshotFileTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "llmops-snapshot-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public PromptSnapshotFileTests() => Directory.CreateDirectory(_directory);

    private string SnapshotPath => Path.Combine(_directory, "prompts.snapshot.json");

    [Fact]
    public async Task ResolveAsync_StoreDownAtStart_ServesTheSnapshotLoggedAndCounted()
    {
        await ServeOnceAsync(new InMemoryPromptStore().Add(new PromptVersion("greet", 1, "Hello {{name}}"), "production"));
        var logger = new FakeLogger<PromptRegistry>();
        using var served = new MetricCollector<long>(_metrics.GetRequiredService<IMeterFactory>(), LlmOpsTelemetry.SourceName, "llmops.prompt.snapshot.served");
        using var registry = Registry(new UnreachablePromptStore(new InMemoryPromptStore()), logger);

        var resolution = await registry.ResolveAsync(new PromptReference("greet"));

        Assert.Equal((PromptResolutionState.Snapshot, 1, "Hello {{name}}"), (resolution.State, resolution.Prompt.Version, resolution.Prompt.Text));
        var warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 106);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(SnapshotPath, warning.Message, StringComparison.Ordinal);
        Assert.Equal(1, served.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task ResolveAsync_StoreComesBack_SwitchesFromTheSnapshotToTheStore()
    {
        await ServeOnceAsync(new InMemoryPromptStore().Add(new PromptVersion("greet", 1, "Old"), "production"));
        var store = new UnreachablePromptStore(new InMemoryPromptStore().Add(new PromptVersion("greet", 1, "Old")).Add(new PromptVersion("greet", 2, "New"), "production"));
        using var registry = Registry(store);
        var during = await registry.ResolveAsync(new PromptReference("greet"));

        store.Down = false;
        _time.Advance(TimeSpan.FromSeconds(5));
        await registry.ResolveAsync(new PromptReference("greet")); // past the pause: asks the store again
        var after = await registry.ResolveAsync(new PromptReference("greet"));

        Assert.Equal((PromptResolutionState.Snapshot, 1), (during.State, during.Prompt.Version));
        Assert.Equal((PromptResolutionState.Cached, 2), (after.State, after.Prompt.Version));
    }

    [Fact]
    public async Task ResolveAsync_NoStoreNoSnapshotNoFallback_ErrorSaysAllThreeWereTried()
    {
        using var registry = Registry(new UnreachablePromptStore(new InMemoryPromptStore()));

        var error = await Assert.ThrowsAsync<PromptException>(() => registry.ResolveAsync(new PromptReference("greet")).AsTask());

        Assert.Contains("'greet' could not be read from the prompt store", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the snapshot file '{SnapshotPath}' holds no version of it", error.Message, StringComparison.Ordinal);
        Assert.Contains("no fallback prompt is given in code", error.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.5 is unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_NoSnapshotConfigured_ErrorNamesTheSetting()
    {
        using var registry = new PromptRegistry([new UnreachablePromptStore(new InMemoryPromptStore())], timeProvider: _time);

        var error = await Assert.ThrowsAsync<PromptException>(() => registry.ResolveAsync(new PromptReference("greet")).AsTask());

        Assert.Contains("no snapshot file is configured (LlmOps:Prompts:SnapshotPath)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_PromptRead_WritesTheSnapshotAfterTheDelayWithoutTemporaryFiles()
    {
        var version = new PromptVersion("greet", 3, "Hi {{name}}") { Model = new PromptModelSettings { Temperature = 0.3f } };
        using var registry = Registry(new InMemoryPromptStore().Add(version, "production"));
        await registry.ResolveAsync(new PromptReference("greet"));
        var before = File.Exists(SnapshotPath);

        _time.Advance(PromptSnapshotFile.WriteDelay);

        Assert.False(before, "written before the delay");
        var kept = new PromptSnapshotFile(SnapshotPath, _time, new FakeLogger<PromptSnapshotFileTests>()).Load();
        Assert.Equal(version.ContentHash, kept["greet"].Versions[3].ContentHash);
        Assert.Equal([new PromptVersionWeight(3)], kept["greet"].Labels["production"]);
        Assert.Equal([SnapshotPath], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Ctor_DamagedSnapshot_StartsAndLogsIt()
    {
        await File.WriteAllTextAsync(SnapshotPath, "{ not json");
        var logger = new FakeLogger<PromptRegistry>();

        using var registry = Registry(new InMemoryPromptStore().Add(new PromptVersion("greet", 1, "Hi"), "production"), logger);

        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 109 && r.Message.Contains(SnapshotPath, StringComparison.Ordinal));
        Assert.Equal(1, (await registry.ResolveAsync(new PromptReference("greet"))).Prompt.Version);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Runs a service that serves the store once and stops, leaving its snapshot behind.</summary>
    private async Task ServeOnceAsync(IPromptStore store)
    {
        using var registry = Registry(store);
        await registry.ResolveAsync(new PromptReference("greet"));
    }

    private PromptRegistry Registry(IPromptStore store, ILogger<PromptRegistry>? logger = null) => new(
        [store],
        new PromptOptions { SnapshotPath = SnapshotPath },
        timeProvider: _time,
        logger: logger,
        meterFactory: _metrics.GetRequiredService<IMeterFactory>());
}

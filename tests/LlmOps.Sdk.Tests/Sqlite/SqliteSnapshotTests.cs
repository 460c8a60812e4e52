using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Sqlite;

/// <summary>A service on a SQLite store whose file is gone at start serves the registry's snapshot.</summary>
public sealed class SqliteSnapshotTests : IDisposable
{
    private readonly SqliteFile _file = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ResolveAsync_DatabaseDirectoryGoneAtStart_ServesTheSnapshotThenTheStoreWhenItIsBack()
    {
        var databaseDirectory = Path.Combine(_file.Directory, "data");
        Directory.CreateDirectory(databaseDirectory);
        var options = new SqlitePromptStoreOptions { Path = Path.Combine(databaseDirectory, "prompts.db") };
        var snapshotPath = Path.Combine(_file.Directory, "snapshot.json");
        using (var store = new SqlitePromptStore(options, timeProvider: _time))
        using (var registry = Registry(store, snapshotPath))
        {
            await store.PublishAsync(new PromptVersion("greet", 1, "Hello {{name}}"), new PromptChange("alice", "first"));
            await store.SetLabelAsync("greet", "production", [new(1)], [], new PromptChange("alice", "ship"));
            await registry.ResolveAsync(new PromptReference("greet"));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Move(databaseDirectory, databaseDirectory + ".away"); // the volume is not mounted yet
        using var restarted = new SqlitePromptStore(options, timeProvider: _time);
        using var restartedRegistry = Registry(restarted, snapshotPath);

        var during = await restartedRegistry.ResolveAsync(new PromptReference("greet"));
        Directory.Move(databaseDirectory + ".away", databaseDirectory);
        _time.Advance(TimeSpan.FromSeconds(5));
        await restartedRegistry.ResolveAsync(new PromptReference("greet"));
        var after = await restartedRegistry.ResolveAsync(new PromptReference("greet"));

        Assert.Equal((PromptResolutionState.Snapshot, 1), (during.State, during.Prompt.Version));
        Assert.Equal(PromptResolutionState.Cached, after.State);
    }

    public void Dispose() => _file.Dispose();

    private PromptRegistry Registry(IPromptStore store, string snapshotPath) =>
        new([store], new PromptOptions { SnapshotPath = snapshotPath }, timeProvider: _time);
}

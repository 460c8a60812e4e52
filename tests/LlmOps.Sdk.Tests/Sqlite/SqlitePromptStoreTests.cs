using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Sqlite;

public sealed class SqlitePromptStoreTests : IDisposable
{
    private static readonly PromptChange Alice = new("alice", "TICKET-1");
    private readonly SqliteFile _file = new();
    private readonly FakeTimeProvider _time = new();
    private readonly List<SqlitePromptStore> _stores = [];

    [Fact]
    public void Ctor_NewFile_CreatesTheSchemaInWalMode()
    {
        Open();

        Assert.Equal("wal", _file.Execute("PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteStatements.LatestSchemaVersion, _file.Execute("SELECT max(version) FROM llmops_schema_version;"));
    }

    [Fact]
    public async Task GetPromptAsync_AnotherStoreOnTheFile_ServesTheSameVersionAndHash()
    {
        var version = new PromptVersion("greet", 1, "Hello {{name}}") { Model = new PromptModelSettings { Temperature = 0.2f } };
        await Open().PublishAsync(version, Alice);

        var read = (await Open().GetPromptAsync("greet"))!.Versions[1];

        Assert.Equal((version.Text, version.ContentHash, 0.2f), (read.Text, read.ContentHash, read.Model?.Temperature));
    }

    [Fact]
    public async Task SetLabelAsync_TwoStoresWithTheSameExpectation_ExactlyOneWins()
    {
        var first = Open();
        var second = Open();
        await first.PublishAsync(new PromptVersion("greet", 1, "One"), Alice);
        await first.PublishAsync(new PromptVersion("greet", 2, "Two"), Alice);
        await first.PublishAsync(new PromptVersion("greet", 3, "Three"), Alice);
        await first.SetLabelAsync("greet", "production", [new(1)], [], Alice);

        for (var round = 0; round < 10; round++)
        {
            var current = (await first.GetPromptAsync("greet"))!.Labels["production"];
            var moves = new[] { (Store: first, Target: 2), (Store: second, Target: 3) }
                .Select(m => Task.Run(async () => await m.Store.SetLabelAsync("greet", "production", [new(m.Target)], current, Alice)))
                .ToArray();
            try
            {
                await Task.WhenAll(moves);
            }
            catch (PromptConflictException)
            {
                // one of the two is expected to lose; counted below
            }

            var won = moves.Where(m => m.IsCompletedSuccessfully).ToArray();
            var lost = moves.Where(m => m.Exception?.InnerException is PromptConflictException).ToArray();
            Assert.True((won.Length, lost.Length) == (1, 1), $"round {round}: {won.Length} won, {lost.Length} lost a conflict");
            Assert.Equal((await won[0]).After, (await second.GetPromptAsync("greet"))!.Labels["production"]);
            await first.SetLabelAsync("greet", "production", [new(1)], null, Alice);
        }
    }

    [Fact]
    public async Task Watch_ChangeByAnotherStore_FiresOnceThePollIntervalPasses()
    {
        var writer = Open();
        var reader = Open();
        var token = reader.Watch()!;

        await writer.PublishAsync(new PromptVersion("greet", 1, "Hi"), Alice);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        var before = token.HasChanged;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(before, "fired before the poll interval passed");
        Assert.True(token.HasChanged, "did not fire after the poll interval");
    }

    [Fact]
    public void Watch_NoChange_DoesNotFire()
    {
        var store = Open();
        var token = store.Watch()!;

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(token.HasChanged);
    }

    [Fact]
    public async Task Watch_ConfiguredInterval_PollsAtThatInterval()
    {
        var writer = Open();
        var reader = Open(o => o.PollInterval = TimeSpan.FromSeconds(10));
        var token = reader.Watch()!;

        await writer.PublishAsync(new PromptVersion("greet", 1, "Hi"), Alice);
        _time.Advance(TimeSpan.FromSeconds(5));
        var early = token.HasChanged;
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(early, "polled before the configured interval");
        Assert.True(token.HasChanged);
    }

    [Fact]
    public void Ctor_NotASqliteFile_ThrowsNamingTheStoreAndTheFix()
    {
        File.WriteAllText(_file.Path, "name,version\ngreet,1\n" + new string('x', 4096));

        var error = Assert.Throws<PromptException>(() => Open());

        Assert.Equal($"SQLite prompt store '{_file.Path}' cannot open the database: the file is not a SQLite database, or it is encrypted. Point LlmOps:Prompts:Sqlite:Path at a prompt database, or at a new file to create one.", error.Message);
        Assert.Equal(_file.Path, error.FilePath);
    }

    [Fact]
    public async Task Ctor_DamagedFile_ThrowsNamingTheStoreAndTheFix()
    {
        await Open().PublishAsync(new PromptVersion("greet", 1, "Hi"), Alice);
        DisposeStores();
        _file.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        using (var stream = new FileStream(_file.Path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 100; // past the file header: the page that holds the schema
            stream.Write(Enumerable.Repeat((byte)0xAB, 3000).ToArray());
        }

        var error = Assert.Throws<PromptException>(() => Open());

        Assert.StartsWith($"SQLite prompt store '{_file.Path}' cannot open the database: the database file is damaged", error.Message, StringComparison.Ordinal);
        Assert.Contains("Restore it from a backup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_AnotherApplicationsDatabase_ThrowsNamingItsTables()
    {
        _file.Execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE orders (id INTEGER);");

        var error = Assert.Throws<PromptException>(() => Open());

        Assert.Contains($"SQLite prompt store '{_file.Path}' cannot open the database: it holds tables of another application (customers, orders)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, _file.Execute("SELECT count(*) FROM customers;"));
        Assert.Equal(0L, _file.Execute("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'llmops_%';"));
    }

    [Fact]
    public void Ctor_NewerSchema_ThrowsSayingToUpdateAndChangesNothing()
    {
        Open();
        DisposeStores();
        _file.Execute("INSERT INTO llmops_schema_version (version, applied_at) VALUES (99, 'later');");

        var error = Assert.Throws<PromptException>(() => Open());

        Assert.Contains($"its schema is version 99, newer than this version of LlmOps.Sdk.Sqlite knows (up to {SqliteStatements.LatestSchemaVersion})", error.Message, StringComparison.Ordinal);
        Assert.Contains("Update LlmOps.Sdk.Sqlite", error.Message, StringComparison.Ordinal);
        Assert.Equal(99L, _file.Execute("SELECT max(version) FROM llmops_schema_version;"));
    }

    [Fact]
    public async Task GetPromptAsync_DirectoryMissing_ThrowsNamingTheStoreAndTheDirectory()
    {
        var path = Path.Combine(_file.Directory, "missing", "prompts.db");
        var store = Open(o => o.Path = path); // a volume not mounted yet must not stop the start: snapshots serve meanwhile

        var error = await Assert.ThrowsAsync<PromptException>(() => store.GetPromptAsync("greet").AsTask());

        Assert.Contains($"SQLite prompt store '{path}' cannot read prompt 'greet': the file cannot be opened", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Check that the directory '{Path.GetDirectoryName(path)}' exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPromptAsync_DirectoryCreatedLater_OpensAndServes()
    {
        var path = Path.Combine(_file.Directory, "later", "prompts.db");
        var store = Open(o => o.Path = path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        await store.PublishAsync(new PromptVersion("greet", 1, "Hi"), Alice);

        Assert.NotNull(await store.GetPromptAsync("greet"));
    }

    [Fact]
    public async Task Ctor_CreateIfMissingOff_MissingFileFailsReadsWithTheOption()
    {
        var store = Open(o => o.CreateIfMissing = false);

        var error = await Assert.ThrowsAsync<PromptException>(() => store.GetPromptAsync("greet").AsTask());

        Assert.Contains("and that the file exists (CreateIfMissing is off)", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_file.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Ctor_NoPath_ThrowsNamingTheOption(string path)
    {
        var error = Assert.Throws<OptionsValidationException>(() => new SqlitePromptStore(new SqlitePromptStoreOptions { Path = path }));

        Assert.Contains("LlmOps:Prompts:Sqlite:Path is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_PollIntervalOutOfRange_ThrowsNamingTheRange()
    {
        var error = Assert.Throws<OptionsValidationException>(
            () => new SqlitePromptStore(new SqlitePromptStoreOptions { Path = _file.Path, PollInterval = TimeSpan.Zero }));

        Assert.Contains("LlmOps:Prompts:Sqlite:PollInterval is 00:00:00; it must be from 00:00:00.0100000 to 01:00:00.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPromptAsync_DocumentEditedOutsideLlmOps_ThrowsNamingThePromptAndVersion()
    {
        await Open().PublishAsync(new PromptVersion("greet", 1, "Hello"), Alice);
        _file.Execute("UPDATE llmops_prompt_versions SET document = replace(document, 'Hello', 'Hacked');");

        var error = await Assert.ThrowsAsync<PromptException>(() => Open().GetPromptAsync("greet").AsTask());

        Assert.Equal(("greet", (int?)1), (error.PromptName, error.Version));
        Assert.Contains($"Prompt 'greet' version 1 in SQLite prompt store '{_file.Path}' cannot be read: its content does not match its content hash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetLabelAsync_HostileText_LeavesEveryTableIntact()
    {
        var store = Open();
        await store.PublishAsync(new PromptVersion("greet", 1, "Hi"), Alice);

        await store.SetLabelAsync("greet", "production", [new(1)], [], new PromptChange("x'); DROP TABLE llmops_prompt_versions; --", "\"; DELETE FROM llmops_prompt_labels; /*"));

        Assert.Equal(1L, _file.Execute("SELECT count(*) FROM llmops_prompt_versions;"));
        Assert.Equal(1L, _file.Execute("SELECT count(*) FROM llmops_prompt_labels;"));
    }

    public void Dispose()
    {
        DisposeStores();
        _file.Dispose();
    }

    private SqlitePromptStore Open(Action<SqlitePromptStoreOptions>? configure = null)
    {
        var options = new SqlitePromptStoreOptions { Path = _file.Path };
        configure?.Invoke(options);
        var store = new SqlitePromptStore(options, timeProvider: _time);
        _stores.Add(store);
        return store;
    }

    private void DisposeStores()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _stores.Clear();
    }
}

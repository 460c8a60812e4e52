using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.PostgreSql;
using Npgsql;
using static LlmOps.Sdk.Tests.PostgreSql.PostgreSqlTestPrompts;

namespace LlmOps.Sdk.Tests.PostgreSql;

[Collection(SharedPostgreSqlServer.Name)]
public sealed class PostgreSqlPromptStoreTests(PostgreSqlFixture fixture)
{
    [SkippableFact]
    public async Task StartAsync_EmptyDatabase_CreatesTheSchemaAtTheLatestVersion()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var store = Store(database, listen: false);

        await store.StartAsync();

        Assert.Equal(SchemaMigration.Latest, await ScalarAsync<int>(database, "SELECT max(version) FROM llmops.schema_migrations"));
        Assert.Equal("create_prompts", await ScalarAsync<string>(database, "SELECT name FROM llmops.schema_migrations WHERE version = 1"));
    }

    [SkippableFact]
    public async Task StartAsync_ManyInstancesAtOnce_MigrateOnce()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 6).Select(_ => Store(database, listen: false)).ToList();

        await Task.WhenAll(stores.Select(static s => s.StartAsync()));

        Assert.Equal(SchemaMigration.All.Count, await ScalarAsync<long>(database, "SELECT count(*) FROM llmops.schema_migrations"));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task StartAsync_SchemaNewerThanTheCode_RefusesNamingBothVersionsAndTheFix()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using (var first = Store(database, listen: false))
        {
            await first.StartAsync();
        }

        await PostgreSqlServer.ExecuteAsync(database, "INSERT INTO llmops.schema_migrations (version, name) VALUES (999, 'from_the_future')");
        await using var store = Store(database, listen: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.StartAsync());

        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
        Assert.Contains($"version {SchemaMigration.Latest}, the newest this LlmOps.Sdk.PostgreSql knows", error.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{fixture.Server.Port}/", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task StartAsync_OlderSchemaWithMigrationOff_RefusesWithTheFix()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var store = new PostgreSqlPromptStore(database, new PostgreSqlPromptStoreOptions { MigrateOnStart = false, ListenForChanges = false });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.StartAsync());

        Assert.Contains($"has schema version 0, and this code needs version {SchemaMigration.Latest}", error.Message, StringComparison.Ordinal);
        Assert.Contains("MigrateOnStart", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task StartAsync_WrongPassword_ThrowsNamingTheStoreAndUserButNotThePassword()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var wrong = new NpgsqlConnectionStringBuilder(database) { Password = "not-the-password-42" }.ConnectionString;
        await using var store = Store(wrong, listen: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.StartAsync());

        Assert.StartsWith($"PostgreSQL prompt store 127.0.0.1:{fixture.Server.Port}/llmops_", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused the password of user 'postgres'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-42", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task StartAsync_NothingListensOnThePort_ThrowsNamingTheStoreAndTheFix()
    {
        _ = fixture.Server; // skips with the others when PostgreSQL is missing
        var port = new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString()).Port + 1;
        await using var store = Store($"Host=127.0.0.1;Port={port};Database=prompts;Username=reader;Password=secret;Timeout=3", listen: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.StartAsync());

        Assert.StartsWith($"PostgreSQL prompt store 127.0.0.1:{port}/prompts could not start: the server cannot be reached", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check that PostgreSQL runs, and Host and Port", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task GetPromptAsync_PublishedAndLabelled_ReturnsVersionsAndLabels()
    {
        await using var store = Store(await fixture.Server.CreateDatabaseAsync(), listen: false);
        await SeedAsync(store, "support/reply");
        await store.SetLabelAsync("support/reply", "canary", [new(1, 3), new(2, 1)], expected: [], Change);

        var definition = await store.GetPromptAsync("support/reply");

        Assert.NotNull(definition);
        Assert.Equal([1, 2], definition.Versions.Keys);
        Assert.Equal(Text("support/reply", 2).ContentHash, definition.Versions[2].ContentHash);
        Assert.Equal(To(1), definition.Labels["production"]);
        Assert.Equal([new PromptVersionWeight(1, 3), new PromptVersionWeight(2, 1)], definition.Labels["canary"]);
    }

    [SkippableFact]
    public async Task GetPromptAsync_UnknownPrompt_ReturnsNull()
    {
        await using var store = Store(await fixture.Server.CreateDatabaseAsync(), listen: false);

        Assert.Null(await store.GetPromptAsync("nope"));
    }

    [SkippableFact]
    public async Task PublishAsync_OtherContentUnderAPublishedNumber_ThrowsConflictNamingTheNextNumber()
    {
        await using var store = Store(await fixture.Server.CreateDatabaseAsync(), listen: false);
        await SeedAsync(store, "greet");

        var error = await Assert.ThrowsAsync<PromptConflictException>(() => store.PublishAsync(new PromptVersion("greet", 1, "Other text"), Change).AsTask());

        Assert.Equal(("greet", (int?)1), (error.PromptName, error.Version));
        Assert.Contains("publish this content as version 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(Text("greet", 1).ContentHash, (await store.GetPromptAsync("greet"))!.Versions[1].ContentHash);
    }

    [SkippableFact]
    public async Task SetLabelAsync_TwoWritersWithTheSameExpectation_ExactlyOneWinsTheOtherGetsAConflict()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var first = Store(database, listen: false);
        await using var second = Store(database, listen: false);
        await SeedAsync(first, "greet", versions: 3);
        await second.StartAsync();

        var moves = await Task.WhenAll(
            Attempt(first.SetLabelAsync("greet", "production", To(2), expected: To(1), new("alice", "ship v2"))),
            Attempt(second.SetLabelAsync("greet", "production", To(3), expected: To(1), new("bob", "ship v3"))));

        Assert.Single(moves, static m => m is PromptLabelMove);
        var conflict = Assert.IsType<PromptConflictException>(Assert.Single(moves, static m => m is Exception));
        var winner = (PromptLabelMove)moves.Single(static m => m is PromptLabelMove);
        Assert.Equal(To(1), conflict.Expected);
        Assert.Equal(winner.After, conflict.Actual);
        Assert.Equal(winner.After, (await first.GetPromptAsync("greet"))!.Labels["production"]);
    }

    [SkippableFact]
    public async Task Watch_AnotherInstanceWrites_FiresTheChangeToken()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var reader = Store(database);
        await using var writer = Store(database, listen: false);
        await SeedAsync(writer, "greet");
        await reader.StartAsync();
        await reader.Listener!.WaitForConnectionAsync(0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var fired = new TaskCompletionSource();
        using var subscription = reader.Watch()!.RegisterChangeCallback(static state => ((TaskCompletionSource)state!).TrySetResult(), fired);

        await writer.SetLabelAsync("greet", "production", To(2), expected: To(1), Change);

        await fired.Task.WaitAsync(TimeSpan.FromSeconds(30)); // a real notification; the bound only guards a hang
    }

    [SkippableFact]
    public async Task Notification_NamingOnePrompt_RegistryReadsAgainOnlyThatPrompt()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var writer = Store(database, listen: false);
        await SeedAsync(writer, "greet");
        await SeedAsync(writer, "other");
        await using var reader = Store(database);
        using var registry = new PromptRegistry([reader], new PromptOptions { CacheDuration = TimeSpan.FromHours(1) });
        await reader.StartAsync();
        await reader.Listener!.WaitForConnectionAsync(0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var (greet, other) = (new PromptReference("greet", Label: "production"), new PromptReference("other", Label: "production"));
        await registry.ResolveAsync(greet);
        await registry.ResolveAsync(other);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = reader.Watch()!.RegisterChangeCallback(static state => ((TaskCompletionSource)state!).TrySetResult(), heard);

        await writer.SetLabelAsync("greet", "production", To(2), expected: To(1), new("deploy", "ship v2"));
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the registry hears the name before the token fires
        var greetAfter = await registry.ResolveAsync(greet);
        var otherAfter = await registry.ResolveAsync(other);

        Assert.Equal((PromptResolutionState.Fresh, 2), (greetAfter.State, greetAfter.Prompt.Version));
        Assert.Equal((PromptResolutionState.Cached, 1), (otherAfter.State, otherAfter.Prompt.Version));
    }

    private static async Task<object> Attempt(ValueTask<PromptLabelMove> move)
    {
        try
        {
            return await move;
        }
        catch (PromptConflictException conflict)
        {
            return conflict;
        }
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!; // every query here returns one row
    }
}

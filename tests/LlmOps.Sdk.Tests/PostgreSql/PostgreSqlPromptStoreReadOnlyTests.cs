using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Prompts.PostgreSql;
using Npgsql;
using static LlmOps.Sdk.Tests.PostgreSql.PostgreSqlTestPrompts;

namespace LlmOps.Sdk.Tests.PostgreSql;

/// <summary>The store opened read-only, as the <c>llmops</c> tool opens it for dry runs and reading commands.</summary>
[Collection(SharedPostgreSqlServer.Name)]
public sealed class PostgreSqlPromptStoreReadOnlyTests(PostgreSqlFixture fixture)
{
    [SkippableFact]
    public async Task Reads_DatabaseWithoutSchema_ServeAnEmptyStoreAndCreateNothing()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var store = ReadOnly(database);

        var prompt = await store.GetPromptAsync("greet");
        var names = await store.ListPromptsAsync().ToListAsync();
        var history = await store.GetHistoryAsync("greet").ToListAsync();
        var cases = await ((ICapturedCaseStore)store).ReadAsync(new CapturedCaseQuery("support"), CancellationToken.None).ToListAsync();

        Assert.Null(prompt);
        Assert.Empty(names);
        Assert.Empty(history);
        Assert.Empty(cases);
        Assert.False(await store.HasSchemaAsync(CancellationToken.None));
        Assert.Equal(0L, await CountAsync(database, "SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'llmops'"));
    }

    [SkippableFact]
    public async Task PublishAsync_ReadOnly_ThrowsNamingTheStoreAndWritesNothing()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using (var writer = Store(database, listen: false))
        {
            await SeedAsync(writer, "greet");
        }

        await using var store = ReadOnly(database);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.PublishAsync(Text("greet", 3), Change).AsTask());
        var capture = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ((ICapturedCaseStore)store).AppendAsync([Sqlite.SqlitePromptStoreCaptureTests.Case("r1", "sampled", 1, Sqlite.SqlitePromptStoreCaptureTests.At(0))], CancellationToken.None).AsTask());

        Assert.Contains("could not publish prompt 'greet' version 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", capture.Message, StringComparison.Ordinal);
        Assert.Equal(2L, await CountAsync(database, "SELECT count(*) FROM llmops.prompt_versions"));
        Assert.Equal(0L, await CountAsync(database, "SELECT count(*) FROM llmops.captured_cases"));
    }

    private static PostgreSqlPromptStore ReadOnly(string connectionString) =>
        new(connectionString, new PostgreSqlPromptStoreOptions { ListenForChanges = false, ReadOnly = true });

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

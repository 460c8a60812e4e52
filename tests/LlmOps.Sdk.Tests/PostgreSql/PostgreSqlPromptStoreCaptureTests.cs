using LlmOps.Cli;
using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Tests.Capture;
using LlmOps.Sdk.Tests.Cli;
using LlmOps.Sdk.Tests.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using static LlmOps.Sdk.Tests.PostgreSql.PostgreSqlTestPrompts;

namespace LlmOps.Sdk.Tests.PostgreSql;

[Collection(SharedPostgreSqlServer.Name)]
public sealed class PostgreSqlPromptStoreCaptureTests(PostgreSqlFixture fixture)
{
    [SkippableFact]
    public async Task CaptureToRegistry_SamplingRateOne_StoresEveryCallWithItsPromptVersionAndReason()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        string staging, production;
        await using (var host = Host(database, c => c.SamplingRate = 1))
        {
            await host.Host.StartAsync();
            await host.SeedAsync();
            staging = await host.CallAsync("staging");
            production = await host.CallAsync("production", streaming: true);
        }

        var rows = await RowsAsync(database);
        Assert.Equal(
            [("support", "greet", 2, "sampled", staging), ("support", "greet", 1, "sampled", production)],
            rows.Select(r => (r.Dataset, r.Prompt, r.Version, r.Reason, r.ResponseId)));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), rows[0].CapturedAt);
    }

    [SkippableFact]
    public async Task CaptureToRegistry_Default_StoresNoRawEmailAddress()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using (var host = Host(database, c => c.SamplingRate = 1))
        {
            await host.Host.StartAsync();
            await host.SeedAsync();
            host.Provider.EnqueueReply("I wrote to ada@example.com");
            await host.CallAsync("production", variables: new { name = "ada@example.com" });
        }

        var item = Assert.Single(await RowsAsync(database)).Item;
        Assert.DoesNotContain("ada@example.com", item, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:email]", item, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task StopAsync_CallsQueued_WritesThemBeforeTheHostStops()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var host = Host(database, c => c.SamplingRate = 1);
        await host.Host.StartAsync();
        await host.SeedAsync();
        for (var i = 0; i < 20; i++)
        {
            await host.CallAsync("production");
        }

        await host.Host.StopAsync();

        Assert.Equal(20, (await RowsAsync(database)).Count);
    }

    [SkippableFact]
    public async Task CaptureToRegistry_DatabaseDropped_CountsTheCallDroppedLogsAndAnswers()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var host = Host(database, c => c.SamplingRate = 1);
        await host.Host.StartAsync();
        await PostgreSqlServer.ExecuteAsync(fixture.Server.ConnectionString(),
            $"DROP DATABASE {new NpgsqlConnectionStringBuilder(database).Database} WITH (FORCE)");

        var response = await host.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]);
        await host.Queue.DrainAsync();

        Assert.NotNull(response.ResponseId);
        Assert.Equal((1, 0), (host.Queue.DroppedCount, host.Queue.WrittenCount));
        var log = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 1101);
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Contains($"dataset 'support' of PostgreSQL prompt store 127.0.0.1:{fixture.Server.Port}/", log.Message, StringComparison.Ordinal);
        Assert.Contains("could not write 1 captured cases", log.Exception?.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task StartAsync_DatabaseAtSchemaVersion2_MigratesKeepingItsPromptsAndCaptures()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using (var old = Store(database, listen: false))
        {
            await SeedAsync(old, "greet");
        }

        await PostgreSqlServer.ExecuteAsync(database, "DROP TABLE llmops.captured_cases; DELETE FROM llmops.schema_migrations WHERE version > 2;");

        await using var store = Store(database, listen: false);
        await ((ICapturedCaseStore)store).AppendAsync([SqlitePromptStoreCaptureTests.Case("r1", "sampled", 1, SqlitePromptStoreCaptureTests.At(0))], CancellationToken.None);

        Assert.Equal(2, (await store.GetPromptAsync("greet"))!.Versions.Count);
        Assert.Single(await RowsAsync(database));
        Assert.Equal(3, await ScalarAsync<int>(database, "SELECT max(version) FROM llmops.schema_migrations"));
    }

    [SkippableFact]
    public async Task ReadAsync_Filters_ReturnsTheMatchingCasesInCaptureOrder()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var store = Store(database, listen: false);
        ICapturedCaseStore cases = store;
        await cases.AppendAsync(
        [
            SqlitePromptStoreCaptureTests.Case("a", "sampled", 1, SqlitePromptStoreCaptureTests.At(0)),
            SqlitePromptStoreCaptureTests.Case("b", "score_fail", 2, SqlitePromptStoreCaptureTests.At(1)),
            SqlitePromptStoreCaptureTests.Case("c", "score_fail", 1, SqlitePromptStoreCaptureTests.At(2)),
            SqlitePromptStoreCaptureTests.Case("d", "negative_feedback", 1, SqlitePromptStoreCaptureTests.At(3)) with { PromptName = null, PromptVersion = null },
        ], CancellationToken.None);

        var all = await SqlitePromptStoreCaptureTests.ReadAsync(cases, new CapturedCaseQuery("support"));
        var failedV1 = await SqlitePromptStoreCaptureTests.ReadAsync(cases, new CapturedCaseQuery("support") { Reason = "score_fail", PromptVersion = 1 });
        var recentGreet = await SqlitePromptStoreCaptureTests.ReadAsync(cases, new CapturedCaseQuery("support") { PromptName = "greet", Since = SqlitePromptStoreCaptureTests.At(1) });

        Assert.Equal(["a", "b", "c", "d"], all.Select(c => c.ResponseId));
        Assert.Equal(["c"], failedV1.Select(c => c.ResponseId));
        Assert.Equal(["b", "c"], recentGreet.Select(c => c.ResponseId));
        Assert.Equal("""{"id":"a","variables":{}}""", all[0].Item);
    }

    [SkippableFact]
    public async Task Export_CasesCapturedIntoPostgreSql_LoadsAsTheDatasetWithTheSameItems()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        string[] ids;
        await using (var host = Host(database, c => c.SamplingRate = 1))
        {
            await host.Host.StartAsync();
            await host.SeedAsync();
            ids = [await host.CallAsync("production"), await host.CallAsync("staging", variables: new { name = "Grace", tier = 2 })];
        }

        using var folder = new SqliteFile();
        var exported = Path.Combine(folder.Directory, "support.jsonl");
        var run = await CliRun.InvokeAsync((output, error) => new CliHost(output, error) { GetEnvironmentVariable = name => name == "LLMOPS_STORE" ? database : null },
            "dataset", "export", "--dataset", "support", exported);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(fixture.Server.Password, run.Output + run.Error, StringComparison.Ordinal);
        var dataset = Dataset.LoadJsonl(exported);
        Assert.Equal(ids, dataset.Items.Select(i => i.Id));
        Assert.Equal("Grace", dataset.Items[1].Variables["name"]?.ToString());
        Assert.Equal("2", dataset.Items[1].Metadata["prompt_version"]);
    }

    private static RegistryCaptureHost Host(string database, Action<CaptureOptions> configure) =>
        new(o => o.AddPromptsFromPostgreSql(database, s => s.ListenForChanges = false).CaptureToRegistry("support", configure));

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<(string Dataset, string? Prompt, int? Version, string Reason, string ResponseId, DateTimeOffset CapturedAt, string Item)>> RowsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT dataset, prompt_name, prompt_version, reason, response_id, captured_at, item::text FROM llmops.captured_cases ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        List<(string, string?, int?, string, string, DateTimeOffset, string)> rows = [];
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6)));
        }

        return rows;
    }
}

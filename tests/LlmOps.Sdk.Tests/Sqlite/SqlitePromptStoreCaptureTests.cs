using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.Sqlite;
using LlmOps.Sdk.Tests.Capture;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Tests.Sqlite;

public sealed class SqlitePromptStoreCaptureTests : IDisposable
{
    private readonly SqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CaptureToRegistry_SamplingRateOne_StoresEveryCallWithItsPromptVersionAndReason(bool streaming)
    {
        string staging, production;
        await using (var host = Host(c => c.SamplingRate = 1))
        {
            await host.Host.StartAsync();
            await host.SeedAsync();
            host.Provider.EnqueueReply("first answer").EnqueueReply("second answer");
            staging = await host.CallAsync("staging", streaming);
            production = await host.CallAsync("production", streaming);
        }

        var rows = Rows();
        Assert.Equal(
            [("support", "greet", 2L, "sampled", staging), ("support", "greet", 1L, "sampled", production)],
            rows.Select(r => (r.Dataset, r.Prompt, r.Version, r.Reason, r.ResponseId)));
        Assert.Contains("\"response\":\"first answer\"", rows[0].Item, StringComparison.Ordinal);
        Assert.Equal("2026-12-01T08:00:00.0000000Z", rows[0].CapturedAt);
    }

    [Fact]
    public async Task CaptureToRegistry_Default_StoresNoRawEmailAddress()
    {
        await using (var host = Host(c => c.SamplingRate = 1))
        {
            await host.Host.StartAsync();
            await host.SeedAsync();
            host.Provider.EnqueueReply("I wrote to ada@example.com");
            await host.CallAsync("production", variables: new { name = "ada@example.com" });
        }

        var item = Assert.Single(Rows()).Item;
        Assert.DoesNotContain("ada@example.com", item, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:email]", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaptureToRegistry_KeepRawContent_StoresTheContentAsItWas()
    {
        await using (var host = Host(c =>
        {
            c.SamplingRate = 1;
            c.KeepRawContent = true;
        }))
        {
            await host.Host.StartAsync();
            await host.SeedAsync();
            await host.CallAsync("production", variables: new { name = "ada@example.com" });
        }

        Assert.Contains("\"name\":\"ada@example.com\"", Assert.Single(Rows()).Item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_CallsQueued_WritesThemBeforeTheHostStops()
    {
        await using var host = Host(c => c.SamplingRate = 1);
        await host.Host.StartAsync();
        await host.SeedAsync();
        for (var i = 0; i < 5; i++)
        {
            await host.CallAsync("production");
        }

        await host.Host.StopAsync();

        Assert.Equal(5, Rows().Count);
        Assert.Equal(5, host.Queue.WrittenCount);
    }

    [Fact]
    public async Task CaptureToRegistry_DatabaseLockedByAnotherProcess_CountsTheCallDroppedLogsAndAnswers()
    {
        await using var host = Host(c => c.SamplingRate = 1, busyTimeout: TimeSpan.FromSeconds(1));
        await host.Host.StartAsync();
        await host.SeedAsync();
        using (var other = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            other.Open();
            using var transaction = other.BeginTransaction(deferred: false); // holds the write lock, as another process would

            var response = await host.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]);
            await host.Queue.DrainAsync();

            Assert.NotNull(response.ResponseId);
        }

        Assert.Equal((1, 0), (host.Queue.DroppedCount, host.Queue.WrittenCount));
        var log = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 1101);
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Contains("dataset 'support' of SQLite prompt store", log.Message, StringComparison.Ordinal);
        Assert.Contains("locked", log.Exception?.Message, StringComparison.Ordinal);
        Assert.Empty(Rows());
    }

    [Fact]
    public async Task Open_DatabaseAtSchemaVersion1_MigratesKeepingItsPromptsAndCaptures()
    {
        using (var old = new SqlitePromptStore(_file.Path))
        {
            await ((IPromptAdmin)old).PublishAsync(RegistryCaptureHost.Version1, new PromptChange("tests", "set up"));
        }

        SqliteConnection.ClearAllPools();
        _file.Execute("DROP TABLE llmops_captured_cases; DELETE FROM llmops_schema_version WHERE version > 1;"); // as version 1 left it

        using var store = new SqlitePromptStore(_file.Path);
        await ((ICapturedCaseStore)store).AppendAsync([Case("r1", "sampled", 1, At(0))], CancellationToken.None);

        Assert.Equal((long)SqliteStatements.LatestSchemaVersion, _file.Execute("SELECT max(version) FROM llmops_schema_version"));
        Assert.Equal("Hello {{name}}", Assert.Single((await store.GetPromptAsync("greet"))!.Versions).Value.Messages[0].Template);
        Assert.Single(Rows());
    }

    [Fact]
    public async Task ReadAsync_Filters_ReturnsTheMatchingCasesInCaptureOrder()
    {
        using var store = new SqlitePromptStore(_file.Path);
        ICapturedCaseStore cases = store;
        await cases.AppendAsync(
        [
            Case("a", "sampled", 1, At(0)),
            Case("b", "score_fail", 2, At(1)),
            Case("c", "score_fail", 1, At(2)),
            Case("d", "negative_feedback", 1, At(3)),
            Case("e", "score_fail", 1, At(4)) with { Dataset = "other" },
        ], CancellationToken.None);

        var all = await ReadAsync(cases, new CapturedCaseQuery("support"));
        var failedV1 = await ReadAsync(cases, new CapturedCaseQuery("support") { Reason = "score_fail", PromptVersion = 1 });
        var recent = await ReadAsync(cases, new CapturedCaseQuery("support") { PromptName = "greet", Since = At(2) });

        Assert.Equal(["a", "b", "c", "d"], all.Select(c => c.ResponseId));
        Assert.Equal(["c"], failedV1.Select(c => c.ResponseId));
        Assert.Equal(["c", "d"], recent.Select(c => c.ResponseId));
        Assert.Equal(At(1), all[1].CapturedAt);
    }

    internal static CapturedCase Case(string id, string reason, int version, DateTimeOffset at) =>
        new("support", at, "greet", version, reason, id, "{\"id\":\"" + id + "\",\"variables\":{}}");

    internal static DateTimeOffset At(int minutes) => new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(minutes);

    internal static async Task<List<CapturedCase>> ReadAsync(ICapturedCaseStore store, CapturedCaseQuery query)
    {
        List<CapturedCase> cases = [];
        await foreach (var captured in store.ReadAsync(query, CancellationToken.None))
        {
            cases.Add(captured);
        }

        return cases;
    }

    private RegistryCaptureHost Host(Action<CaptureOptions> configure, TimeSpan? busyTimeout = null) => new(o => o
        .AddPromptsFromSqlite(_file.Path, s => s.BusyTimeout = busyTimeout ?? s.BusyTimeout)
        .CaptureToRegistry("support", configure));

    private List<(string Dataset, string? Prompt, long? Version, string Reason, string ResponseId, string CapturedAt, string Item)> Rows()
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT dataset, prompt_name, prompt_version, reason, response_id, captured_at, item FROM llmops_captured_cases ORDER BY id";
        using var reader = command.ExecuteReader();
        List<(string, string?, long?, string, string, string, string)> rows = [];
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        }

        return rows;
    }
}

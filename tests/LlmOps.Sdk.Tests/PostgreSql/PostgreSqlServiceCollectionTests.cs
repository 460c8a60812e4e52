using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.PostgreSql;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static LlmOps.Sdk.Tests.PostgreSql.PostgreSqlTestPrompts;

namespace LlmOps.Sdk.Tests.PostgreSql;

[Collection(SharedPostgreSqlServer.Name)]
public sealed class PostgreSqlServiceCollectionTests(PostgreSqlFixture fixture)
{
    [SkippableFact]
    public async Task AddPromptsFromPostgreSql_HostStarts_CallsAreRenderedFromTheDatabase()
    {
        var provider = new ScriptedChatClient();
        var database = await fixture.Server.CreateDatabaseAsync();
        using var host = Build(provider, llmops => llmops.AddPromptsFromPostgreSql(database));
        await host.StartAsync();
        await SeedAsync(host.Services.GetRequiredService<IPromptAdmin>(), "greet");

        await host.Services.GetRequiredService<IChatClient>().GetResponseAsync([], new ChatOptions().WithPrompt("greet", new { who = "Ada" }, label: "production"));

        Assert.Equal("Hello Ada, this is greet v1.", Assert.Single(provider.Requests).Messages[0].Text);
        await host.StopAsync();
    }

    [SkippableFact]
    public async Task AddPromptsFromPostgreSql_WrongPassword_StopsTheHostStartNamingTheStore()
    {
        var wrong = new NpgsqlConnectionStringBuilder(await fixture.Server.CreateDatabaseAsync()) { Password = "wrong" }.ConnectionString;
        using var host = Build(new ScriptedChatClient(), llmops => llmops.AddPromptsFromPostgreSql(wrong));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.StartsWith($"PostgreSQL prompt store 127.0.0.1:{fixture.Server.Port}/", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused the password", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AddPromptsFromPostgreSql_ConfigurationSection_BindsTheStoreSettings()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PromptStore:ConnectionString"] = await fixture.Server.CreateDatabaseAsync(),
            ["PromptStore:MigrateOnStart"] = "false",
        }).Build().GetSection("PromptStore");
        using var host = Build(new ScriptedChatClient(), llmops => llmops.AddPromptsFromPostgreSql(section));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("has schema version 0", error.Message, StringComparison.Ordinal); // MigrateOnStart=false was read
    }

    [SkippableFact]
    public async Task AddPromptsFromPostgreSql_NoConnectionStringButADataSource_UsesTheRegisteredDataSource()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync());
        using var host = Build(new ScriptedChatClient(), llmops => llmops.AddPromptsFromPostgreSql(), services => services.AddSingleton(dataSource));

        await host.StartAsync();

        await using var version = dataSource.CreateCommand("SELECT max(version) FROM llmops.schema_migrations");
        Assert.Equal(SchemaMigration.Latest, (int)(await version.ExecuteScalarAsync())!); // the schema exists, so max is not null
        await host.StopAsync();
    }

    [SkippableFact]
    public async Task CheckHealthAsync_ReachableStore_IsHealthy()
    {
        await using var store = Store(await fixture.Server.CreateDatabaseAsync());
        await store.StartAsync();
        await store.Listener!.WaitForConnectionAsync(0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var result = await new PostgreSqlPromptStoreHealthCheck(store).CheckHealthAsync(new HealthCheckContext());

        Assert.True(result.Status == HealthStatus.Healthy, $"{result.Status}: {result.Description}");
    }

    [SkippableFact]
    public async Task CheckHealthAsync_ListenerCutWhileTheDatabaseAnswers_IsDegradedUntilItReconnects()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var listenerClock = new FakeTimeProvider();
        await using var store = Store(database, listenerClock);
        await store.StartAsync();
        await store.Listener!.WaitForConnectionAsync(0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var check = new PostgreSqlPromptStoreHealthCheck(store);

        // Cut only the listener's session; the reconnect then waits on the fake clock, so the state holds still.
        var losses = store.Listener.Losses;
        await PostgreSqlServer.ExecuteAsync(database,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%LISTEN llmops_prompts%'");
        await store.Listener.WaitForLossAsync(losses, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var degraded = await check.CheckHealthAsync(new HealthCheckContext());
        var connections = store.Listener.Connections;
        listenerClock.Advance(TimeSpan.FromSeconds(10)); // past the reconnect delay
        await store.Listener.WaitForConnectionAsync(connections, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var healthy = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.True(degraded.Status == HealthStatus.Degraded, $"{degraded.Status}: {degraded.Description}");
        Assert.Contains("change listener is reconnecting", degraded.Description, StringComparison.Ordinal);
        Assert.True(healthy.Status == HealthStatus.Healthy, $"{healthy.Status}: {healthy.Description}");
    }

    [SkippableFact]
    public async Task CheckHealthAsync_UnreachableStore_IsUnhealthyNamingTheStore()
    {
        var port = fixture.Server.Port + 1;
        await using var store = Store($"Host=127.0.0.1;Port={port};Database=prompts;Username=u;Password=p;Timeout=3", listen: false);

        var result = await new PostgreSqlPromptStoreHealthCheck(store).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith($"PostgreSQL prompt store 127.0.0.1:{port}/prompts", result.Description, StringComparison.Ordinal);
    }

    private static IHost Build(IChatClient provider, Action<LlmOpsBuilder> configure, Action<IServiceCollection>? more = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatClient(provider);
        more?.Invoke(builder.Services);
        builder.Services.AddLlmOps(configure);
        return builder.Build();
    }
}

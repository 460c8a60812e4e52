using LlmOps.Cli;
using LlmOps.Sdk.Tests.PostgreSql;
using Npgsql;

namespace LlmOps.Sdk.Tests.Cli;

/// <summary>
/// Runs <c>llmops</c>'s dry run and reading commands against a real PostgreSQL server on 127.0.0.1: they must write
/// nothing, so they work as a reader login and leave a database without the schema, or with an older one, as it was.
/// </summary>
[Collection(SharedPostgreSqlServer.Name)]
public sealed class PromptsReadOnlyPostgreSqlTests(PostgreSqlFixture fixture) : IDisposable
{
    private const string V1 = "messages:\n  - role: user\n    content: Hello {{name}}.\n";
    private const string V2 = "messages:\n  - role: system\n    content: Be brief.\n  - role: user\n    content: Hi {{name}}!\n";
    private const string V3 = "messages:\n  - role: user\n    content: Hey {{name}}\n";
    private readonly CliTempFolder _folder = Prompts();

    public void Dispose() => _folder.Dispose();

    [SkippableFact]
    public async Task PushDryRun_FreshDatabase_PrintsThePlanAndCreatesNoSchema()
    {
        var store = await fixture.Server.CreateDatabaseAsync();

        var run = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--dry-run", "--store", store);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("publish greet v1 (", run.Output, StringComparison.Ordinal);
        Assert.Contains("label   greet staging: (none) -> v2", run.Output, StringComparison.Ordinal);
        Assert.Contains("(no llmops schema yet); nothing written", run.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(store, "SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'llmops'"));
    }

    [SkippableFact]
    public async Task ReadingCommands_DatabaseWithoutSchema_ReadAnEmptyStoreWithANoteAndCreateNoSchema()
    {
        var store = await fixture.Server.CreateDatabaseAsync();

        var list = await RunAsync("prompts", "list", "--store", store);
        var export = await RunAsync("prompts", "export", _folder.Combine("exported"), "--store", store);
        var dataset = await RunAsync("dataset", "export", "--store", store, "--dataset", "support", _folder.Combine("support.jsonl"));

        Assert.True((list.ExitCode, export.ExitCode, dataset.ExitCode) == (0, 0, 0), $"{list}\n{export}\n{dataset}");
        Assert.Equal(string.Empty, list.Output.Trim());
        Assert.Contains("has no llmops schema, so it holds no prompts", list.Error, StringComparison.Ordinal);
        Assert.Contains("llmops prompts push", list.Error, StringComparison.Ordinal);
        Assert.Single(list.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("0 cases", dataset.Output, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(store, "SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'llmops'"));
    }

    [SkippableFact]
    public async Task DryRunAndReadingCommands_AsAReaderLoginWithUsageAndSelectOnly_Succeed()
    {
        var store = await fixture.Server.CreateDatabaseAsync();
        var (asWriter, asReader) = await ReadmeRolesAsync(store);
        var push = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--store", asWriter);
        Assert.True(push.ExitCode == 0, push.ToString());
        _folder.Write("prompts/greet/v3.yaml", V3);

        var dryRun = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--dry-run", "--store", asReader);
        var list = await RunAsync("prompts", "list", "--store", asReader);
        var history = await RunAsync("prompts", "history", "greet", "--store", asReader);
        var diff = await RunAsync("prompts", "diff", "greet", "1", "2", "--store", asReader);
        var export = await RunAsync("prompts", "export", _folder.Combine("exported"), "--store", asReader);
        var dataset = await RunAsync("dataset", "export", "--store", asReader, "--dataset", "support", _folder.Combine("support.jsonl"));
        var status = await RunAsync("rollout", "status", "greet", "production", "--store", asReader);

        Assert.True(
            (dryRun.ExitCode, list.ExitCode, history.ExitCode, diff.ExitCode, export.ExitCode, dataset.ExitCode) == (0, 0, 0, 0, 0, 0),
            string.Join('\n', dryRun, list, history, diff, export, dataset));
        Assert.StartsWith("publish greet v3 (", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal("greet  v2  production -> v1, staging -> v2", list.Output.Trim());
        Assert.Contains("publish v2", history.Output, StringComparison.Ordinal);
        Assert.Contains("+ Hi {{name}}!", diff.Output.Split('\n'));
        Assert.True(File.Exists(_folder.Combine("exported/greet/v2.yaml")), export.ToString());

        // No rollout was started: the status is read, and only its absence is reported, not a missing privilege.
        Assert.True(status.ExitCode == 2, status.ToString());
        Assert.Contains("has no rollout", status.Error, StringComparison.Ordinal);
        Assert.Equal(2L, await ScalarAsync(store, "SELECT count(*) FROM llmops.prompt_versions"));
    }

    [SkippableFact]
    public async Task DryRunAndReadingCommands_SchemaAtAnOlderVersion_ReadItAndLeaveItAtThatVersion()
    {
        var store = await fixture.Server.CreateDatabaseAsync();
        var push = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--store", store);
        Assert.True(push.ExitCode == 0, push.ToString());
        await PostgreSqlServer.ExecuteAsync(store, "DROP TABLE llmops.captured_cases; DELETE FROM llmops.schema_migrations WHERE version = 3;"); // as version 2 left it
        _folder.Write("prompts/greet/v3.yaml", V3);

        var dryRun = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--dry-run", "--store", store);
        var list = await RunAsync("prompts", "list", "--store", store);
        var dataset = await RunAsync("dataset", "export", "--store", store, "--dataset", "support", _folder.Combine("support.jsonl"));

        Assert.True((dryRun.ExitCode, list.ExitCode, dataset.ExitCode) == (0, 0, 0), $"{dryRun}\n{list}\n{dataset}");
        Assert.StartsWith("publish greet v3 (", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal("greet  v2  production -> v1, staging -> v2", list.Output.Trim());
        Assert.StartsWith("0 cases", dataset.Output, StringComparison.Ordinal);
        Assert.Equal(2, await ScalarAsync(store, "SELECT max(version) FROM llmops.schema_migrations"));
        Assert.Equal(0L, await ScalarAsync(store, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'llmops' AND tablename = 'captured_cases'"));
    }

    private static CliTempFolder Prompts()
    {
        var folder = new CliTempFolder();
        folder.Write("prompts/greet/v1.yaml", V1);
        folder.Write("prompts/greet/v2.yaml", V2);
        folder.Write("prompts/greet/labels.yaml", "production: 1\nstaging: 2\n");
        return folder;
    }

    [SkippableFact]
    public async Task DryRunAndList_AsAReaderLoginOnAnOlderSchema_ReadWithoutMigrating()
    {
        var store = await fixture.Server.CreateDatabaseAsync();
        var (asWriter, asReader) = await ReadmeRolesAsync(store);
        var push = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--store", asWriter);
        Assert.True(push.ExitCode == 0, push.ToString());
        await PostgreSqlServer.ExecuteAsync(store, "DROP TABLE llmops.captured_cases; DELETE FROM llmops.schema_migrations WHERE version = 3;"); // as version 2 left it
        _folder.Write("prompts/greet/v3.yaml", V3);

        // A reader may not create the table version 3 adds: reading must not try.
        var dryRun = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--dry-run", "--store", asReader);
        var list = await RunAsync("prompts", "list", "--store", asReader);

        Assert.True((dryRun.ExitCode, list.ExitCode) == (0, 0), $"{dryRun}\n{list}");
        Assert.StartsWith("publish greet v3 (", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal("greet  v2  production -> v1, staging -> v2", list.Output.Trim());
        Assert.Equal(2, await ScalarAsync(store, "SELECT max(version) FROM llmops.schema_migrations"));
    }

    [SkippableFact]
    public async Task DryRunListAndLabel_SchemaNewerThanThisBuild_Exit2NamingBothVersionsAndChangeNothing()
    {
        var store = await fixture.Server.CreateDatabaseAsync();
        var push = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--store", store);
        Assert.True(push.ExitCode == 0, push.ToString());
        await PostgreSqlServer.ExecuteAsync(store, "INSERT INTO llmops.schema_migrations (version, name) VALUES (99, 'from a later release')");

        var dryRun = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--dry-run", "--store", store);
        var list = await RunAsync("prompts", "list", "--store", store);
        var label = await RunAsync("prompts", "label", "greet", "staging", "1", "--reason", "test", "--store", store);

        foreach (var run in new[] { dryRun, list, label })
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("schema version 99, newer than version 3", run.Error, StringComparison.Ordinal);
            Assert.Contains("upgrade", run.Error, StringComparison.Ordinal);
            Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(99, await ScalarAsync(store, "SELECT max(version) FROM llmops.schema_migrations"));
    }

    /// <summary>Creates the README's writer and reader roles, under names of this test's own: roles belong to the whole server.</summary>
    private static async Task<(string Writer, string Reader)> ReadmeRolesAsync(string store)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var (writer, readers, reader) = ($"llmops_writer_{suffix}", $"llmops_reader_{suffix}", $"support_api_{suffix}");
        await PostgreSqlServer.ExecuteAsync(store, $"""
            CREATE ROLE {writer} LOGIN PASSWORD 'change-me-writer';
            CREATE SCHEMA llmops AUTHORIZATION {writer};
            CREATE ROLE {readers} NOLOGIN;
            GRANT USAGE ON SCHEMA llmops TO {readers};
            ALTER DEFAULT PRIVILEGES FOR ROLE {writer} IN SCHEMA llmops GRANT SELECT ON TABLES TO {readers};
            CREATE ROLE {reader} LOGIN PASSWORD 'change-me-reader' IN ROLE {readers};
            """);
        return (new NpgsqlConnectionStringBuilder(store) { Username = writer, Password = "change-me-writer" }.ConnectionString,
            new NpgsqlConnectionStringBuilder(store) { Username = reader, Password = "change-me-reader" }.ConnectionString);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task<CliRun> RunAsync(params string[] args)
    {
        var run = await CliRun.InvokeAsync(static (output, error) => new CliHost(output, error) { GetEnvironmentVariable = static _ => null }, args);
        Assert.DoesNotContain(fixture.Server.Password, run.Output + run.Error, StringComparison.Ordinal);
        return run;
    }
}

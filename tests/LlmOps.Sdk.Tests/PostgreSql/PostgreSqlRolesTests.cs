using Npgsql;
using static LlmOps.Sdk.Tests.PostgreSql.PostgreSqlTestPrompts;

namespace LlmOps.Sdk.Tests.PostgreSql;

/// <summary>Runs the README's role SQL as written, so the documented grants are the ones that work.</summary>
[Collection(SharedPostgreSqlServer.Name)]
public sealed class PostgreSqlRolesTests(PostgreSqlFixture fixture)
{
    [SkippableFact]
    public async Task ReadmeRoles_WriterPublishesReaderReadsAndListens_ReaderCannotPublish()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await PostgreSqlServer.ExecuteAsync(database, ReadmeSql());
        var asWriter = new NpgsqlConnectionStringBuilder(database) { Username = "llmops_writer", Password = "change-me-writer" }.ConnectionString;
        var asReader = new NpgsqlConnectionStringBuilder(database) { Username = "support_api", Password = "change-me-reader" }.ConnectionString;
        await using var writer = Store(asWriter, listen: false);
        await SeedAsync(writer, "greet");
        await using var reader = Store(asReader);
        await reader.StartAsync();
        await reader.Listener!.WaitForConnectionAsync(0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var read = await reader.GetPromptAsync("greet");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.PublishAsync(Text("greet", 3), Change).AsTask());

        Assert.Equal([1, 2], read!.Versions.Keys);
        Assert.Contains("user 'support_api' lacks a privilege", error.Message, StringComparison.Ordinal);
        Assert.Contains("README", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReadmeCaptureGrant_ReaderCapturesButCannotPublish()
    {
        // A server of its own: roles belong to the whole server, and the test above creates the same ones.
        await using var server = await PostgreSqlFixture.StartOwnServerAsync();
        var database = await server.CreateDatabaseAsync();
        await PostgreSqlServer.ExecuteAsync(database, ReadmeSql());
        var asWriter = new NpgsqlConnectionStringBuilder(database) { Username = "llmops_writer", Password = "change-me-writer" }.ConnectionString;
        var asReader = new NpgsqlConnectionStringBuilder(database) { Username = "support_api", Password = "change-me-reader" }.ConnectionString;
        await using (var writer = Store(asWriter, listen: false))
        {
            await writer.StartAsync();
        }

        await PostgreSqlServer.ExecuteAsync(database, ReadmeSql(block: 1));
        await using var reader = Store(asReader, listen: false);

        await ((LlmOps.Sdk.Capture.ICapturedCaseStore)reader).AppendAsync(
            [Sqlite.SqlitePromptStoreCaptureTests.Case("r1", "sampled", 1, Sqlite.SqlitePromptStoreCaptureTests.At(0))], CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.PublishAsync(Text("greet", 1), Change).AsTask());

        Assert.Single(await Sqlite.SqlitePromptStoreCaptureTests.ReadAsync(reader, new LlmOps.Sdk.Capture.CapturedCaseQuery("support")));
        Assert.Contains("user 'support_api' lacks a privilege", error.Message, StringComparison.Ordinal);
    }

    private static string ReadmeSql(int block = 0)
    {
        var root = RepositoryRoot.Path ?? throw new InvalidOperationException("Run the tests from a clone: LlmOps.Sdk.sln was not found.");
        var readme = File.ReadAllText(Path.Combine(root, "src", "LlmOps.Sdk.PostgreSql", "README.md"));
        var start = -1;
        for (var i = 0; i <= block; i++)
        {
            start = readme.IndexOf("```sql\n", start + 1, StringComparison.Ordinal);
        }

        start += "```sql\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }
}

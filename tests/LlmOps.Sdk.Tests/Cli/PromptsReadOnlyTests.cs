using LlmOps.Cli;
using Microsoft.Data.Sqlite;

namespace LlmOps.Sdk.Tests.Cli;

/// <summary>Runs <c>llmops</c>'s dry run and reading commands on a SQLite file: they must leave it byte for byte as it was.</summary>
public sealed class PromptsReadOnlyTests : IDisposable
{
    private const string V1 = "messages:\n  - role: user\n    content: Hello {{name}}.\n";
    private const string V2 = "messages:\n  - role: system\n    content: Be brief.\n  - role: user\n    content: Hi {{name}}!\n";
    private readonly CliTempFolder _folder = new();
    private readonly string _store;

    public PromptsReadOnlyTests()
    {
        _folder.Write("prompts/greet/v1.yaml", V1);
        _folder.Write("prompts/greet/v2.yaml", V2);
        _folder.Write("prompts/greet/labels.yaml", "production: 1\nstaging: 2\n");
        _store = _folder.Combine("store/prompts.db");
        Directory.CreateDirectory(Path.GetDirectoryName(_store)!); // a combined path has a folder
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task DryRunAndReadingCommands_FileAtSchemaVersion1_ReadItAndLeaveItByteIdentical()
    {
        var push = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--store", _store);
        Assert.True(push.ExitCode == 0, push.ToString());
        SqliteConnection.ClearAllPools();

        // As version 1 left it, in rollback-journal mode, so that the whole database is in the one file compared.
        Execute("DROP TABLE llmops_captured_cases; DELETE FROM llmops_schema_version WHERE version > 1; PRAGMA journal_mode = DELETE;");
        _folder.Write("prompts/greet/v3.yaml", "messages:\n  - role: user\n    content: Hey {{name}}\n");
        var before = await File.ReadAllBytesAsync(_store);

        var dryRun = await RunAsync("prompts", "push", _folder.Combine("prompts"), "--dry-run", "--store", _store);
        var list = await RunAsync("prompts", "list", "--store", _store);
        var history = await RunAsync("prompts", "history", "greet", "--store", _store);
        var diff = await RunAsync("prompts", "diff", "greet", "1", "2", "--store", _store);
        var export = await RunAsync("prompts", "export", _folder.Combine("exported"), "--store", _store);
        var dataset = await RunAsync("dataset", "export", "--store", _store, "--dataset", "support", _folder.Combine("support.jsonl"));
        SqliteConnection.ClearAllPools();

        Assert.True(
            (dryRun.ExitCode, list.ExitCode, history.ExitCode, diff.ExitCode, export.ExitCode, dataset.ExitCode) == (0, 0, 0, 0, 0, 0),
            string.Join('\n', dryRun, list, history, diff, export, dataset));
        Assert.StartsWith("publish greet v3 (", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal("greet  v2  production -> v1, staging -> v2", list.Output.Trim());
        Assert.Contains("publish v2", history.Output, StringComparison.Ordinal);
        Assert.Contains("+ Hi {{name}}!", diff.Output.Split('\n'));
        Assert.StartsWith("0 cases", dataset.Output, StringComparison.Ordinal);
        Assert.Equal(1L, Execute("SELECT max(version) FROM llmops_schema_version"));
        var after = await File.ReadAllBytesAsync(_store);
        Assert.True(before.SequenceEqual(after), "A dry run or a reading command changed the file.");
        Assert.False(File.Exists(_store + "-wal"), "A dry run or a reading command switched the file to WAL.");
    }

    private object? Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_store};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static Task<CliRun> RunAsync(params string[] args) =>
        CliRun.InvokeAsync(static (output, error) => new CliHost(output, error) { GetEnvironmentVariable = static _ => null }, args);
}

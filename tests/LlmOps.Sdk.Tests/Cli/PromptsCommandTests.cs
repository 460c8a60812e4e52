using System.Text.Json;
using LlmOps.Cli;
using Microsoft.Data.Sqlite;

namespace LlmOps.Sdk.Tests.Cli;

public sealed class PromptsCommandTests : IDisposable
{
    private const string V1 = "messages:\n  - role: user\n    content: Hello {{name}}.\n";
    private const string V2 = "model:\n  id: gpt-4.1-mini\n  temperature: 0.2\nmessages:\n  - role: system\n    content: Be brief.\n  - role: user\n    content: Hi {{name}}!\n";
    private readonly CliTempFolder _folder = new();
    private readonly string _store;

    public PromptsCommandTests()
    {
        _folder.Write("prompts/greet/v1.yaml", V1);
        _folder.Write("prompts/greet/v2.yaml", V2);
        _folder.Write("prompts/greet/labels.yaml", "production: 1\nstaging: 2\n");
        _store = _folder.Combine("store/prompts.db");
        Directory.CreateDirectory(Path.GetDirectoryName(_store)!); // a combined path has a folder
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Push_DryRun_PrintsThePlanAndCreatesNothing()
    {
        var run = await PromptsAsync("push", _folder.Combine("prompts"), "--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["publish greet v1", "publish greet v2", "label   greet production: (none) -> v1", "label   greet staging: (none) -> v2"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => l[..Math.Min(l.Length, l.IndexOf(" (", StringComparison.Ordinal) is > 0 and var i && l.StartsWith("publish", StringComparison.Ordinal) ? i : l.Length)]));
        Assert.False(File.Exists(_store), "A dry run created the store.");
    }

    [Fact]
    public async Task Push_Again_PublishesOnlyTheNewVersionAndLabelMove()
    {
        await PromptsAsync("push", _folder.Combine("prompts"));
        _folder.Write("prompts/greet/v3.yaml", "messages:\n  - role: user\n    content: Hey {{name}}\n");
        _folder.Write("prompts/greet/labels.yaml", "production: 1\nstaging: 3\n");

        var run = await PromptsAsync("push", _folder.Combine("prompts"), "--reason", "v3");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("publish greet v3 (", lines[0], StringComparison.Ordinal);
        Assert.Equal("label   greet staging: v2 -> v3", lines[1]);
    }

    [Fact]
    public async Task Push_ABrokenFile_Exits2NamingItAndWritesNothing()
    {
        _folder.Write("prompts/greet/v2.yaml", "messages:\n  - role: user\n    content: Hi {{#name}\n");

        var run = await PromptsAsync("push", _folder.Combine("prompts"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("v2.yaml", run.Error, StringComparison.Ordinal);
        var list = await PromptsAsync("list");
        Assert.True(list.Output.Trim().Length == 0, list.ToString());
    }

    [Fact]
    public async Task Push_APublishedVersionEditedInPlace_Exits1SayingVersionsAreImmutable()
    {
        await PromptsAsync("push", _folder.Combine("prompts"));
        _folder.Write("prompts/greet/v1.yaml", "messages:\n  - role: user\n    content: Goodbye {{name}}.\n");

        var run = await PromptsAsync("push", _folder.Combine("prompts"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("immutable: save the change as v3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_APublishedVersionWithAnotherCacheSetting_Exits1NamingBothSettings()
    {
        await PromptsAsync("push", _folder.Combine("prompts"));
        _folder.Write("prompts/greet/v1.yaml", "cache: 00:10:00\n" + V1);

        var run = await PromptsAsync("push", _folder.Combine("prompts"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("'greet' v1 is published with cache: false", run.Error, StringComparison.Ordinal);
        Assert.Contains("says 00:10:00", run.Error, StringComparison.Ordinal);
        Assert.Contains("save the change as v3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelThenRollback_MovesTheLabelAndBackWithHistory()
    {
        await PromptsAsync("push", _folder.Combine("prompts"));

        var label = await PromptsAsync("label", "greet", "production", "1:0.9,2:0.1", "--expect", "1", "--reason", "canary v2");
        var rollback = await PromptsAsync("rollback", "greet", "production", "--reason", "complaints");
        var history = await PromptsAsync("history", "greet");

        Assert.True((label.ExitCode, rollback.ExitCode, history.ExitCode) == (0, 0, 0), $"{label}\n{rollback}\n{history}");
        Assert.Equal("greet production: v1 -> v1:0.9,v2:0.1", label.Output.Trim());
        Assert.Equal("greet production: v1:0.9,v2:0.1 -> v1", rollback.Output.Trim());
        Assert.Contains("canary v2", history.Output, StringComparison.Ordinal);
        Assert.Contains("complaints", history.Output, StringComparison.Ordinal);
        Assert.Contains("publish v2", history.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Label_ExpectingAnotherVersion_Exits1AndLeavesTheLabel()
    {
        await PromptsAsync("push", _folder.Combine("prompts"));

        var run = await PromptsAsync("label", "greet", "production", "2", "--expect", "2", "--reason", "promote");

        Assert.True(run.ExitCode == 1, run.ToString());
        var list = await PromptsAsync("list", "--json");
        using var json = JsonDocument.Parse(list.Output);
        Assert.Equal("v1", json.RootElement[0].GetProperty("labels").GetProperty("production").GetString());
    }

    [Fact]
    public async Task Diff_TwoVersions_ShowsRemovedAndAddedLinesOfSettingsAndMessages()
    {
        await PromptsAsync("push", _folder.Combine("prompts"));

        var run = await PromptsAsync("diff", "greet", "1", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n');
        Assert.Contains("+ model: gpt-4.1-mini", lines);
        Assert.Contains("+ temperature: 0.2", lines);
        Assert.Contains("+ Be brief.", lines);
        Assert.Contains("- Hello {{name}}.", lines);
        Assert.Contains("+ Hi {{name}}!", lines);
        Assert.Contains("  [user]", lines);
    }

    [Fact]
    public async Task List_StoreFromTheEnvironment_ListsPromptsWithLabels()
    {
        await PromptsAsync("push", _folder.Combine("prompts"));

        var run = await CliRun.InvokeAsync(
            (output, error) => new CliHost(output, error) { GetEnvironmentVariable = name => name == "LLMOPS_STORE" ? _store : null },
            "prompts", "list");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("greet  v2  production -> v1, staging -> v2", run.Output.Trim());
    }

    [Fact]
    public async Task List_UnreachablePostgreSql_Exits2WithoutEchoingThePassword()
    {
        var run = await CliRun.InvokeAsync("prompts", "list", "--store", "Host=127.0.0.1;Port=1;Database=prompts;Username=app;Password=s3cret-pw;Timeout=2");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("s3cret-pw", run.Error + run.Output, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task List_NoStoreGiven_Exits2SayingHowToGiveOne()
    {
        var run = await RunAsync("prompts", "list");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("LLMOPS_STORE", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunAndReadingCommands_FileAtSchemaVersion1_ReadItAndLeaveItByteIdentical()
    {
        var push = await PromptsAsync("push", _folder.Combine("prompts"));
        Assert.True(push.ExitCode == 0, push.ToString());
        SqliteConnection.ClearAllPools();

        // As version 1 left it, in rollback-journal mode, so that the whole database is in the one file compared.
        Execute("DROP TABLE llmops_captured_cases; DELETE FROM llmops_schema_version WHERE version > 1; PRAGMA journal_mode = DELETE;");
        _folder.Write("prompts/greet/v3.yaml", "messages:\n  - role: user\n    content: Hey {{name}}\n");
        var before = await File.ReadAllBytesAsync(_store);

        var dryRun = await PromptsAsync("push", _folder.Combine("prompts"), "--dry-run");
        var list = await PromptsAsync("list");
        var history = await PromptsAsync("history", "greet");
        var diff = await PromptsAsync("diff", "greet", "1", "2");
        var export = await PromptsAsync("export", _folder.Combine("exported"));
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

    /// <summary>Runs SQL on the store without pooling, so that no connection of the test stays open on the file.</summary>
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

    private Task<CliRun> PromptsAsync(params string[] args) => RunAsync(["prompts", .. args, "--store", _store]);
}

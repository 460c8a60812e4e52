using System.Text.Json;
using LlmOps.Cli;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.PostgreSql;
using LlmOps.Sdk.Tests.PostgreSql;

namespace LlmOps.Sdk.Tests.Cli;

/// <summary>Runs <c>llmops prompts</c> against a real PostgreSQL server on 127.0.0.1, each test on a database of its own.</summary>
/// <remarks>Every run is checked for the server's password on stdout and stderr: the tool must never print it.</remarks>
[Collection(SharedPostgreSqlServer.Name)]
public sealed class PromptsCommandPostgreSqlTests(PostgreSqlFixture fixture) : IDisposable
{
    private const string V1 = "messages:\n  - role: user\n    content: Hello {{name}}.\n";
    private const string V2 = "model:\n  id: gpt-4.1-mini\n  temperature: 0.2\nmessages:\n  - role: system\n    content: Be brief.\n  - role: user\n    content: Hi {{name}}!\n";
    private readonly CliTempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableFact]
    public async Task Push_DryRunThenForReal_PublishesOnlyForRealAndAppliesLabels()
    {
        var store = await PromptsFolderAndDatabaseAsync();

        var dryRun = await PromptsAsync(store, "push", _folder.Combine("prompts"), "--dry-run");
        var afterDryRun = await PromptsAsync(store, "list");
        var push = await PromptsAsync(store, "push", _folder.Combine("prompts"), "--reason", "first");
        var list = await PromptsAsync(store, "list");

        Assert.True((dryRun.ExitCode, afterDryRun.ExitCode, push.ExitCode, list.ExitCode) == (0, 0, 0, 0), $"{dryRun}\n{afterDryRun}\n{push}\n{list}");
        Assert.Contains("label   greet staging: (none) -> v2", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("nothing written", dryRun.Error, StringComparison.Ordinal);
        Assert.True(afterDryRun.Output.Trim().Length == 0, afterDryRun.ToString());
        Assert.Equal(4, push.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"PostgreSQL 127.0.0.1/", push.Error, StringComparison.Ordinal);
        Assert.Equal("greet  v2  production -> v1, staging -> v2", list.Output.Trim());
    }

    [SkippableFact]
    public async Task Label_ExpectingWhereItPoints_MovesIt_ExpectingAnotherVersion_Exits1NamingTheLabel()
    {
        var store = await PushedAsync();

        var moved = await PromptsAsync(store, "label", "greet", "production", "2", "--expect", "1", "--reason", "promote");
        var stale = await PromptsAsync(store, "label", "greet", "production", "1", "--expect", "1", "--reason", "late");
        var list = await PromptsAsync(store, "list", "--json");

        Assert.True((moved.ExitCode, stale.ExitCode) == (0, 1), $"{moved}\n{stale}");
        Assert.Equal("greet production: v1 -> v2", moved.Output.Trim());
        Assert.StartsWith("error: ", stale.Error, StringComparison.Ordinal);
        Assert.Contains("production", stale.Error, StringComparison.Ordinal);
        Assert.Contains("greet", stale.Error, StringComparison.Ordinal);
        Assert.Single(stale.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(list.Output);
        Assert.Equal("v2", json.RootElement[0].GetProperty("labels").GetProperty("production").GetString());
    }

    [SkippableFact]
    public async Task RollbackThenHistory_ReturnsTheLabelAndRecordsEveryChangeWithItsReason()
    {
        var store = await PushedAsync();

        var canary = await PromptsAsync(store, "label", "greet", "production", "1:0.9,2:0.1", "--expect", "1", "--reason", "canary v2");
        var rollback = await PromptsAsync(store, "rollback", "greet", "production", "--reason", "complaints");
        var history = await PromptsAsync(store, "history", "greet");

        Assert.True((canary.ExitCode, rollback.ExitCode, history.ExitCode) == (0, 0, 0), $"{canary}\n{rollback}\n{history}");
        Assert.Equal("greet production: v1:0.9,v2:0.1 -> v1", rollback.Output.Trim());
        var lines = history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, static l => l.Contains("publish v2", StringComparison.Ordinal));
        Assert.Contains(lines, static l => l.Contains("production: v1 -> v1:0.9,v2:0.1", StringComparison.Ordinal) && l.Contains("canary v2", StringComparison.Ordinal));
        Assert.Contains(lines, static l => l.Contains("production: v1:0.9,v2:0.1 -> v1", StringComparison.Ordinal) && l.Contains("complaints", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Diff_TwoVersions_ShowsTheChangedSettingsAndMessages()
    {
        var store = await PushedAsync();

        var run = await PromptsAsync(store, "diff", "greet", "1", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n');
        Assert.Contains("+ model: gpt-4.1-mini", lines);
        Assert.Contains("- Hello {{name}}.", lines);
        Assert.Contains("+ Hi {{name}}!", lines);
    }

    [SkippableFact]
    public async Task Export_AVersionWithEverySetting_LoadsBackFromFilesAndPushesBackWithTheSameHashes()
    {
        var store = await PushedAsync();
        var published = EverySettingPrompt.Create();
        await using (var admin = new PostgreSqlPromptStore(store, new PostgreSqlPromptStoreOptions { ListenForChanges = false }))
        {
            await admin.PublishAsync(published, new PromptChange("alice", "every setting"));
        }

        var export = await PromptsAsync(store, "export", _folder.Combine("exported"));
        var copy = await fixture.Server.CreateDatabaseAsync();
        var pushBack = await PromptsAsync(copy, "push", _folder.Combine("exported"));

        Assert.True((export.ExitCode, pushBack.ExitCode) == (0, 0), $"{export}\n{pushBack}");
        using var files = new FilePromptStore(_folder.Combine("exported"), watch: false);
        EverySettingPrompt.AssertSameSettings(published, (await files.GetPromptAsync(EverySettingPrompt.Name))!.Versions[1]); // exported, so present
        await using var original = new PostgreSqlPromptStore(store, new PostgreSqlPromptStoreOptions { ListenForChanges = false });
        await using var restored = new PostgreSqlPromptStore(copy, new PostgreSqlPromptStoreOptions { ListenForChanges = false });
        foreach (var name in new[] { "greet", EverySettingPrompt.Name })
        {
            var (before, after) = ((await original.GetPromptAsync(name))!, (await restored.GetPromptAsync(name))!); // both pushed
            Assert.Equal(before.Versions.Values.Select(static v => (v.Version, v.ContentHash)).Order(), after.Versions.Values.Select(static v => (v.Version, v.ContentHash)).Order());
            Assert.Equal(before.Labels.OrderBy(static l => l.Key).Select(static l => (l.Key, string.Join(',', l.Value))), after.Labels.OrderBy(static l => l.Key).Select(static l => (l.Key, string.Join(',', l.Value))));
        }

        EverySettingPrompt.AssertSameSettings(published, (await restored.GetPromptAsync(EverySettingPrompt.Name))!.Versions[1]);
    }

    [SkippableFact]
    public async Task List_AsAUrl_ListsWithoutPrintingThePassword()
    {
        var store = await PushedAsync();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(store).Database;

        var run = await PromptsAsync($"postgres://postgres:{fixture.Server.Password}@127.0.0.1:{fixture.Server.Port}/{database}", "list");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("greet  v2  production -> v1, staging -> v2", run.Output.Trim());
    }

    [SkippableTheory]
    [InlineData("list")]
    [InlineData("push")]
    [InlineData("export")]
    public async Task Command_WrongPassword_Exits2WithoutPrintingEitherPassword(string command)
    {
        var store = await PromptsFolderAndDatabaseAsync();
        var wrong = $"wrong-{Guid.NewGuid():N}";
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(store) { Password = wrong }.ConnectionString;
        string[] args = command switch
        {
            "push" => ["push", _folder.Combine("prompts")],
            "export" => ["export", _folder.Combine("exported")],
            _ => ["list"],
        };

        var run = await PromptsAsync(connection, args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain(wrong, run.Output + run.Error, StringComparison.Ordinal);
        Assert.Contains("password", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task<string> PromptsFolderAndDatabaseAsync()
    {
        var store = await fixture.Server.CreateDatabaseAsync();
        _folder.Write("prompts/greet/v1.yaml", V1);
        _folder.Write("prompts/greet/v2.yaml", V2);
        _folder.Write("prompts/greet/labels.yaml", "production: 1\nstaging: 2\n");
        return store;
    }

    private async Task<string> PushedAsync()
    {
        var store = await PromptsFolderAndDatabaseAsync();
        var push = await PromptsAsync(store, "push", _folder.Combine("prompts"));
        Assert.True(push.ExitCode == 0, push.ToString());
        return store;
    }

    private async Task<CliRun> PromptsAsync(string store, params string[] args)
    {
        var run = await CliRun.InvokeAsync(
            static (output, error) => new CliHost(output, error) { GetEnvironmentVariable = static _ => null }, ["prompts", .. args, "--store", store]);
        Assert.DoesNotContain(fixture.Server.Password, run.Output + run.Error, StringComparison.Ordinal);
        return run;
    }
}

using LlmOps.Cli;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.Sqlite;

namespace LlmOps.Sdk.Tests.Cli;

public sealed class PromptsExportCommandTests : IDisposable
{
    private const string Chat1 =
        """
        model:
          id: gpt-4.1-mini
          temperature: 0.2
          top_p: 0.9
          max_output_tokens: 400
          stop: ["END", "\n\n"]
          response_format: json
          extras: { seed_hint: 7, mode: "fast" }
        variables:
          customer: { description: "The customer's first name: no surname" }
          tone: { default: "friendly # warm" }
          extra: { required: false }
        metadata:
          owner: "team: support"
        messages:
          - role: system
            content: |
              You are a {{tone}} agent: say "hello" to {{customer}}.
              # not a comment
                indented line: with a colon
              'single' and "double" quotes, a \ backslash

          - role: user
            content: "  starts with spaces {{extra}}\n  and: ends without a newline"
          - role: assistant
            content: |+
              keeps two trailing newlines


        """;

    private const string Chat2 = "messages:\n  - role: user\n    content: Hi {{customer}}!\n";

    private const string Text1 =
        """
        model:
          id: gpt-4o
          schema: { type: object, properties: { summary: { type: string, maxLength: 200 } }, required: [summary] }
          schema_name: summary
        variables:
          doc: { description: The document }
        text: |
          Summarise this: {{doc}}
          Answer in JSON.
        """;

    private readonly CliTempFolder _folder = new();

    public PromptsExportCommandTests()
    {
        _folder.Write("prompts/support/v1.yaml", Chat1);
        _folder.Write("prompts/support/v2.yaml", Chat2);
        _folder.Write("prompts/support/labels.yaml", "production: 1\ncanary:\n  - { version: 1, weight: 90 }\n  - { version: 2, weight: 10 }\n");
        _folder.Write("prompts/summary/v1.yaml", Text1);
        Directory.CreateDirectory(_folder.Combine("stores"));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Export_ThenPushIntoAnEmptyStore_GivesTheSameHashesVersionsAndLabels()
    {
        var source = _folder.Combine("stores/source.db");
        var copy = _folder.Combine("stores/copy.db");
        var pushed = await PromptsAsync(source, "push", _folder.Combine("prompts"));
        Assert.True(pushed.ExitCode == 0, pushed.ToString());

        var export = await PromptsAsync(source, "export", _folder.Combine("exported"));
        var pushBack = await PromptsAsync(copy, "push", _folder.Combine("exported"));

        Assert.True((export.ExitCode, pushBack.ExitCode) == (0, 0), $"{export}\n{pushBack}");
        Assert.True(File.Exists(_folder.Combine("exported/support/v2.yaml")), export.ToString());
        var before = await ReadStoreAsync(source);
        var after = await ReadStoreAsync(copy);
        Assert.Equal(["summary", "support"], after.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, original) in before)
        {
            var restored = after[name];
            Assert.Equal(original.Versions.Keys.Order(), restored.Versions.Keys.Order());
            foreach (var (number, version) in original.Versions)
            {
                Assert.Equal(version.ContentHash, restored.Versions[number].ContentHash);
                Assert.Equal(version.Messages.Select(static m => m.Template), restored.Versions[number].Messages.Select(static m => m.Template));
                Assert.Equal(version.Variables, restored.Versions[number].Variables);
                Assert.Equal(version.Metadata.OrderBy(static m => m.Key), restored.Versions[number].Metadata.OrderBy(static m => m.Key));
            }

            Assert.Equal(original.Labels.Keys.Order(StringComparer.Ordinal), restored.Labels.Keys.Order(StringComparer.Ordinal));
            foreach (var (label, targets) in original.Labels)
            {
                Assert.Equal(targets, restored.Labels[label]);
            }
        }

        Assert.Equal([new PromptVersionWeight(1, 90), new PromptVersionWeight(2, 10)], after["support"].Labels["canary"]);
        Assert.Equal("keeps two trailing newlines\n\n", after["support"].Versions[1].Messages[2].Template);
    }

    [Fact]
    public async Task Export_Twice_WritesIdenticalBytes()
    {
        var store = _folder.Combine("stores/source.db");
        await PromptsAsync(store, "push", _folder.Combine("prompts"));

        var first = await PromptsAsync(store, "export", _folder.Combine("first"));
        var second = await PromptsAsync(store, "export", _folder.Combine("second"));

        Assert.True((first.ExitCode, second.ExitCode) == (0, 0), $"{first}\n{second}");
        var firstFiles = Files(_folder.Combine("first"));
        Assert.Equal(["summary/labels.yaml", "summary/v1.yaml", "support/labels.yaml", "support/v1.yaml", "support/v2.yaml"], firstFiles.Keys);
        Assert.Equal(firstFiles.Keys, Files(_folder.Combine("second")).Keys);
        foreach (var (path, bytes) in firstFiles)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(_folder.Combine("second"), path)));
        }
    }

    [Fact]
    public async Task Export_NonEmptyFolder_Exits2SayingToUseForce()
    {
        var store = _folder.Combine("stores/source.db");
        await PromptsAsync(store, "push", _folder.Combine("prompts"));
        _folder.Write("target/notes.txt", "keep me");

        var run = await PromptsAsync(store, "export", _folder.Combine("target"));
        var forced = await PromptsAsync(store, "export", _folder.Combine("target"), "--force");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--force", run.Error, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal("keep me", File.ReadAllText(_folder.Combine("target/notes.txt")));
        Assert.True(File.Exists(_folder.Combine("target/support/labels.yaml")), forced.ToString());
    }

    [Fact]
    public async Task Export_AVersionWithSettingsTheFormatCannotHold_Exits1NamingItAndWritesNothing()
    {
        var store = _folder.Combine("stores/source.db");
        using (var admin = new SqlitePromptStore(new SqlitePromptStoreOptions { Path = store }))
        {
            await admin.PublishAsync(
                new PromptVersion("replay", 3, [new(ChatRole.User, "Weather?"), new(ChatRole.Tool, "{\"sunny\": true}")]),
                new PromptChange("alice", "a tool turn"));
        }

        var run = await PromptsAsync(store, "export", _folder.Combine("exported"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("'replay' v3", run.Error, StringComparison.Ordinal);
        Assert.Contains("role 'tool'", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Combine("exported")) && Directory.EnumerateFileSystemEntries(_folder.Combine("exported")).Any());
    }

    [Fact]
    public async Task Export_AVersionWithEverySetting_LoadsBackFromFilesWithTheSameHashAndSettings()
    {
        var store = _folder.Combine("stores/source.db");
        var published = EverySettingPrompt.Create();
        using (var admin = new SqlitePromptStore(new SqlitePromptStoreOptions { Path = store }))
        {
            await admin.PublishAsync(published, new PromptChange("alice", "every setting"));
        }

        var run = await PromptsAsync(store, "export", _folder.Combine("exported"));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var files = new FilePromptStore(_folder.Combine("exported"), watch: false);
        var loaded = await files.GetPromptAsync(EverySettingPrompt.Name);
        Assert.NotNull(loaded);
        EverySettingPrompt.AssertSameSettings(published, loaded.Versions[1]);
        var file = File.ReadAllText(_folder.Combine($"exported/{EverySettingPrompt.Name}/v1.yaml"));
        Assert.Contains("  seed: 1234567890123\n", file, StringComparison.Ordinal);
        Assert.Contains("      parameters: { \"type\": \"object\", \"properties\": { \"city\"", file, StringComparison.Ordinal); // YAML where it reads back exactly
        Assert.Contains("      parameters: \"{ \\\"type\\\": \\\"object\\\",\\n", file, StringComparison.Ordinal); // else the JSON text
    }

    [Fact]
    public async Task Export_ForceIntoAFolderWithOtherVersionFiles_RemovesThemAndKeepsOtherFiles()
    {
        var store = _folder.Combine("stores/source.db");
        await PromptsAsync(store, "push", _folder.Combine("prompts"));
        _folder.Write("target/support/v3.yaml", Chat2);
        _folder.Write("target/support/V7.yml", Chat2);
        _folder.Write("target/support/labels.yml", "production: 3\n");
        _folder.Write("target/support/notes.md", "keep me");
        _folder.Write("target/other/v1.yaml", Chat2);

        var run = await PromptsAsync(store, "export", _folder.Combine("target"), "--force");
        var pushBack = await PromptsAsync(_folder.Combine("stores/copy.db"), "push", _folder.Combine("target"));

        Assert.True((run.ExitCode, pushBack.ExitCode) == (0, 0), $"{run}\n{pushBack}");
        Assert.Equal(["labels.yaml", "notes.md", "v1.yaml", "v2.yaml"],
            Directory.EnumerateFiles(_folder.Combine("target/support")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(_folder.Combine("target/other/v1.yaml")), "A prompt the store does not have lost its folder.");
        Assert.Contains("removed support/v3.yaml", run.Error, StringComparison.Ordinal);
        var copy = await ReadStoreAsync(_folder.Combine("stores/copy.db"));
        Assert.Equal([1, 2], copy["support"].Versions.Keys.Order());
        Assert.Equal([new PromptVersionWeight(1, 1)], copy["support"].Labels["production"]);
    }

    private static async Task<Dictionary<string, PromptDefinition>> ReadStoreAsync(string path)
    {
        using var store = new SqlitePromptStore(new SqlitePromptStoreOptions { Path = path });
        Dictionary<string, PromptDefinition> prompts = new(StringComparer.Ordinal);
        await foreach (var name in store.ListPromptsAsync())
        {
            prompts[name] = (await store.GetPromptAsync(name))!; // listed, so present
        }

        return prompts;
    }

    private static SortedDictionary<string, byte[]> Files(string root) => new(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes),
        StringComparer.Ordinal);

    private static Task<CliRun> PromptsAsync(string store, params string[] args) =>
        CliRun.InvokeAsync((output, error) => new CliHost(output, error) { GetEnvironmentVariable = static _ => null }, ["prompts", .. args, "--store", store]);
}

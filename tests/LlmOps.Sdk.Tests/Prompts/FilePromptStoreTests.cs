using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Prompts;

public sealed class FilePromptStoreTests : IDisposable
{
    private const string SupportV1 = """
        description: Answers a support question.
        model:
          id: gpt-4o-mini
          temperature: 0.2
          top_p: 0.9
          max_output_tokens: 400
          stop: ["###"]
          response_format: json
          extras: { seed: 7 }
        variables:
          customer: { description: The customer's first name }
          tone: { default: friendly }
          question: {}
        metadata: { owner: support-team }
        messages:
          - role: system
            content: You are a {{tone}} support agent.
          - role: user
            content: |
              {{customer}} asks:
              {{question}}
        """;

    private static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(100);

    private readonly PromptDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task GetPromptAsync_YamlVersion_ReadsEveryField()
    {
        _dir.Write("support/v1.yaml", SupportV1 + "\n");
        using var store = new FilePromptStore(_dir.Root, watch: false);

        var definition = await store.GetPromptAsync("support");

        var v1 = Assert.Single(definition!.Versions).Value;
        Assert.Equal([ChatRole.System, ChatRole.User], v1.Messages.Select(m => m.Role));
        Assert.Equal("{{customer}} asks:\n{{question}}\n", v1.Messages[1].Template);
        Assert.Equal(("gpt-4o-mini", 0.2f, 0.9f, 400), (v1.Model?.ModelId, v1.Model?.Temperature, v1.Model?.TopP, v1.Model?.MaxOutputTokens));
        Assert.Equal(["###"], v1.Model?.StopSequences);
        Assert.IsType<ChatResponseFormatJson>(v1.Model?.ResponseFormat);
        Assert.Equal("7", v1.Model?.Extras?["seed"]?.ToString());
        Assert.Equal(
            [new PromptVariable("customer", true, null, "The customer's first name"), new PromptVariable("tone", false, "friendly"), new PromptVariable("question")],
            v1.Variables);
        Assert.Equal("support-team", v1.Metadata["owner"]);
        Assert.EndsWith("v1.yaml", v1.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPromptAsync_PromptyVersion_ReadsFrontMatterAndRoleSections()
    {
        _dir.Write("qa/v2.prompty", """
            ---
            name: qa
            description: Answers with context.
            model:
              api: chat
              configuration:
                type: azure_openai
                azure_deployment: gpt-4o
              parameters:
                temperature: 0.5
                max_tokens: 256
                response_format: { type: json_object }
            inputs:
              question:
                type: string
                description: What the user asks
              style: concise
            template: mustache
            ---
            system:
            Answer in a {{style}} way.

            user:
            {{question}}
            """);
        using var store = new FilePromptStore(_dir.Root, watch: false);

        var v2 = (await store.GetPromptAsync("qa"))!.Versions[2];

        Assert.Equal([(ChatRole.System, "Answer in a {{style}} way."), (ChatRole.User, "{{question}}")], v2.Messages.Select(m => (m.Role, m.Template)));
        Assert.Equal(("gpt-4o", 0.5f, 256), (v2.Model?.ModelId, v2.Model?.Temperature, v2.Model?.MaxOutputTokens));
        Assert.IsType<ChatResponseFormatJson>(v2.Model?.ResponseFormat);
        Assert.Equal([new PromptVariable("question", true, null, "What the user asks"), new PromptVariable("style", false, "concise")], v2.Variables);
        Assert.Equal("Answers with context.", v2.Metadata["description"]);
    }

    [Fact]
    public async Task GetPromptAsync_LabelsFile_PointsLabelsIncludingSplits()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        _dir.Write("greet/v2.yaml", "text: Hello v2");
        _dir.Write("greet/labels.yaml", """
            production: 1
            staging:
              - { version: 2, weight: 90 }
              - { version: 1, weight: 10 }
            """);
        using var store = new FilePromptStore(_dir.Root, watch: false);

        var definition = (await store.GetPromptAsync("greet"))!;

        Assert.Equal([new PromptVersionWeight(1)], definition.Labels["production"]);
        Assert.Equal([new PromptVersionWeight(2, 90), new PromptVersionWeight(1, 10)], definition.Labels["staging"]);
    }

    [Fact]
    public async Task GetPromptAsync_NoLabelsFile_ProductionIsTheHighestVersion()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        _dir.Write("greet/v3.yaml", "text: Hello v3");
        using var store = new FilePromptStore(_dir.Root, watch: false);

        var definition = (await store.GetPromptAsync("greet"))!;

        Assert.Equal([new PromptVersionWeight(3)], definition.Labels["production"]);
    }

    [Fact]
    public void Ctor_InvalidYaml_ThrowsWithFileLineAndColumn()
    {
        var path = _dir.Write("greet/v1.yaml", "text: Hello\nmessages: [unclosed\n");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal(path, error.FilePath);
        Assert.NotNull(error.Line);
        Assert.StartsWith($"{path}(", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_UnclosedFlowValue_ThrowsWithFileLineAndColumn()
    {
        var path = _dir.Write("greet/v1.yaml", "text: Hello\nmodel:\n  id: gpt-4o-mini\n  temperature: [0.2\nmetadata: {}\n");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal((path, 4, 16), (error.FilePath, error.Line, error.Column));
        Assert.StartsWith($"{path}(4,16): This is not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix the YAML syntax", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_LabelOnVersionThatDoesNotParse_ReportsOnlyTheParseError()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        var v2 = _dir.Write("greet/v2.yaml", "text: [broken");
        _dir.Write("greet/labels.yaml", "production: 2\n");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal(v2, error.FilePath);
        Assert.DoesNotContain("has no file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("problems", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_UnknownKey_ThrowsNamingKeyLineColumnAndKnownKeys()
    {
        var path = _dir.Write("greet/v1.yaml", "text: Hello\nmodel:\n  temprature: 0.3\n");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal((path, 3, 3), (error.FilePath, error.Line, error.Column));
        Assert.Contains("Unknown key 'temprature' in 'model'", error.Message, StringComparison.Ordinal);
        Assert.Contains("temperature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_OutOfRangeValue_ThrowsNamingTheRange()
    {
        _dir.Write("greet/v1.yaml", "text: Hello\nmodel:\n  temperature: 7\n");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal(3, error.Line);
        Assert.Contains("'temperature' is '7'; it must be a number from 0 to 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_LabelOnMissingVersion_ThrowsAtTheLabelsLine()
    {
        _dir.Write("greet/v1.yaml", "text: Hello");
        var labels = _dir.Write("greet/labels.yaml", "staging: 1\nproduction: 4\n");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal((labels, 2, 1), (error.FilePath, error.Line, error.Column));
        Assert.Contains("Label 'production' points to version 4 of prompt 'greet', which has no file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_TwoFilesClaimOneVersion_ThrowsNamingBoth()
    {
        var yaml = _dir.Write("greet/v2.yaml", "text: Hello");
        var prompty = _dir.Write("greet/2.prompty", "---\nname: greet\n---\nuser:\nHello");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Contains("Two files claim version 2 of prompt 'greet'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(yaml), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(prompty), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_VersionDisagreesWithFileName_ThrowsNamingBoth()
    {
        _dir.Write("greet/v2.yaml", "version: 3\ntext: Hello");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal(1, error.Line);
        Assert.Contains("says version 3 but its file name says version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_SeveralBadFiles_ReportsEveryProblem()
    {
        _dir.Write("a/v1.yaml", "text: [");
        _dir.Write("b/v1.yaml", "nope: 1");
        _dir.Write("c/draft.yaml", "text: hi");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.StartsWith("3 problems in the prompts directory", error.Message, StringComparison.Ordinal);
        Assert.Contains("'draft.yaml' is not a version file name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_MissingDirectory_ThrowsWithFix()
    {
        var error = Assert.Throws<PromptException>(() => new FilePromptStore(Path.Combine(_dir.Root, "nope"), watch: false));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddPromptsFromDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_PromptyWithJinjaBlocks_ThrowsAskingForMustache()
    {
        _dir.Write("greet/v1.prompty", "---\ntemplate: jinja2\n---\nuser:\n{% for x in items %}{{x}}{% endfor %}");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal((5, 1), (error.Line, error.Column)); // where the loop starts, not where the format is named
        Assert.Contains("Rewrite it in Mustache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_BrokenEdit_KeepsLastGoodAndCountsTheFailure()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        using var store = new FilePromptStore(_dir.Root, watch: false);
        _dir.Write("greet/v1.yaml", "text: [broken");

        store.Reload();

        Assert.Equal(1, store.ReloadFailures);
        Assert.Equal("Hello v1", (await store.GetPromptAsync("greet"))!.Versions[1].Text);
    }

    [Fact]
    public async Task Reload_LabelsFileVanishesBetweenListingAndReading_DoesNotThrowAndKeepsServing()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        var labels = _dir.Write("greet/labels.yaml", "production: 1");
        using var store = new FilePromptStore(_dir.Root, watch: false, timeProvider: _time);
        File.Delete(labels);
        File.CreateSymbolicLink(labels, Path.Combine(_dir.Root, "gone.yaml")); // listed, but reading it finds no file

        var error = Record.Exception(store.Reload);

        Assert.Null(error);
        Assert.Equal([new PromptVersionWeight(1)], (await store.GetPromptAsync("greet"))!.Labels["production"]);
    }

    [Fact]
    public async Task Reload_FilesStillChanging_ServesNoMixAndReadsAgainOnceSettled()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        var labels = _dir.Write("greet/labels.yaml", "production: 1");
        using var store = new FilePromptStore(_dir.Root, watch: false, timeProvider: _time);
        var changed = Signal(store);
        _dir.Write("greet/v2.yaml", "text: Hello v2");
        File.Delete(labels);
        File.CreateSymbolicLink(labels, Path.Combine(_dir.Root, "gone.yaml")); // git has deleted it, not yet created it

        store.Reload();
        var midway = (await store.GetPromptAsync("greet"))!;
        File.Delete(labels);
        _dir.Write("greet/labels.yaml", "production: 2");
        _time.Advance(ReloadDelay);
        var settled = (await store.GetPromptAsync("greet"))!;

        Assert.Equal(("1", 1), (string.Join(",", midway.Versions.Keys), midway.Labels["production"][0].Version));
        Assert.Equal(("1,2", 2), (string.Join(",", settled.Versions.Keys), settled.Labels["production"][0].Version));
        Assert.True(changed.IsCompleted, "The store should announce the settled reload.");
        Assert.Equal(0, store.ReloadFailures);
    }

    [Fact]
    public async Task Reload_FileStaysUnreadable_GivesUpAfterRetriesKeepsLastGoodAndCounts()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        var labels = _dir.Write("greet/labels.yaml", "production: 1");
        using var store = new FilePromptStore(_dir.Root, watch: false, timeProvider: _time);
        File.Delete(labels);
        File.CreateSymbolicLink(labels, Path.Combine(_dir.Root, "gone.yaml"));

        store.Reload();
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(ReloadDelay);
        }

        Assert.Equal(1, store.ReloadFailures);
        Assert.Equal("Hello v1", (await store.GetPromptAsync("greet"))!.Versions[1].Text);
    }

    [Fact]
    public async Task ScheduleReload_FileVanishesBeforeTheTimerFires_TimerDoesNotThrow()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        var labels = _dir.Write("greet/labels.yaml", "production: 1");
        using var store = new FilePromptStore(_dir.Root, watch: false, timeProvider: _time);
        File.Delete(labels);
        File.CreateSymbolicLink(labels, Path.Combine(_dir.Root, "gone.yaml"));

        store.ScheduleReload();
        var error = Record.Exception(() => _time.Advance(ReloadDelay));

        Assert.Null(error);
        Assert.Equal("Hello v1", (await store.GetPromptAsync("greet"))!.Versions[1].Text);
    }

    [Fact]
    public void ScheduleReload_BurstOfChanges_ReadsOnceAfterTheyStop()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        var logger = new FakeLogger<FilePromptStore>();
        using var store = new FilePromptStore(_dir.Root, watch: false, logger, _time);

        for (var i = 0; i < 5; i++)
        {
            store.ScheduleReload();
            _time.Advance(ReloadDelay / 2);
        }

        var beforeSettled = logger.Collector.GetSnapshot().Count(static r => r.Id.Id == 105);
        _time.Advance(ReloadDelay);
        var afterSettled = logger.Collector.GetSnapshot().Count(static r => r.Id.Id == 105);
        Assert.Equal((0, 1), (beforeSettled, afterSettled));
    }

    [Fact]
    public async Task Reload_OnePromptBroken_OtherPromptsPickUpTheirChanges()
    {
        _dir.Write("a/v1.yaml", "text: A v1");
        _dir.Write("b/v1.yaml", "text: B v1");
        using var store = new FilePromptStore(_dir.Root, watch: false);
        _dir.Write("a/v2.yaml", "text: [broken");
        _dir.Write("b/v2.yaml", "text: B v2");

        store.Reload();

        Assert.Equal([1], (await store.GetPromptAsync("a"))!.Versions.Keys);
        Assert.Equal([1, 2], (await store.GetPromptAsync("b"))!.Versions.Keys);
        Assert.Equal(1, store.ReloadFailures);
    }

    [Fact]
    public async Task Reload_PublishedVersionEditedInPlace_KeepsPublishedContentAndAsksForNextVersion()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        var v2 = _dir.Write("greet/v2.yaml", "text: Hello v2");
        var logger = new FakeLogger<FilePromptStore>();
        using var store = new FilePromptStore(_dir.Root, watch: false, logger);
        _dir.Write("greet/v2.yaml", "text: Hello v2, edited");

        store.Reload();

        Assert.Equal("Hello v2", (await store.GetPromptAsync("greet"))!.Versions[2].Text);
        Assert.Equal(1, store.ReloadFailures);
        var refused = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 121);
        Assert.Contains(v2, refused.Message, StringComparison.Ordinal);
        Assert.Contains("add the change as v3.yaml", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_PublishedVersionRemovedThenWrittenWithOtherContent_IsRefused()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        var v2 = _dir.Write("greet/v2.yaml", "text: Hello v2");
        using var store = new FilePromptStore(_dir.Root, watch: false);
        File.Delete(v2);
        store.Reload();
        _dir.Write("greet/v2.yaml", "text: Another v2");

        store.Reload();

        Assert.Equal([1], (await store.GetPromptAsync("greet"))!.Versions.Keys);
        Assert.Equal(1, store.ReloadFailures);
    }

    [Fact]
    public async Task Reload_PublishedVersionMetadataEdited_IsServed()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1\nmetadata: { owner: a }");
        using var store = new FilePromptStore(_dir.Root, watch: false);
        _dir.Write("greet/v1.yaml", "text: Hello v1\nmetadata: { owner: b }");

        store.Reload();

        Assert.Equal("b", (await store.GetPromptAsync("greet"))!.Versions[1].Metadata["owner"]);
        Assert.Equal(0, store.ReloadFailures);
    }

    [Fact]
    public async Task Watch_FileEdited_ServesTheNewContentWithoutRestart()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        using var store = new FilePromptStore(_dir.Root);
        using var registry = new PromptRegistry([store]);
        var changed = Signal(store);
        Assert.Equal(1, (await registry.ResolveAsync(new PromptReference("greet"))).Prompt.Version);

        _dir.Write("greet/v2.yaml", "text: Hello v2");
        _dir.Write("greet/labels.yaml", "production: 2");
        await changed.WaitAsync(TimeSpan.FromSeconds(10));

        var moved = await ServedAsync(registry, 2);
        Assert.Equal((2, "Hello v2"), (moved.Prompt.Version, moved.Prompt.Text));
    }

    [Fact]
    public async Task Watch_LabelMovedBack_IsPickedUp()
    {
        _dir.Write("greet/v1.yaml", "text: Hello v1");
        _dir.Write("greet/v2.yaml", "text: Hello v2");
        _dir.Write("greet/labels.yaml", "production: 2");
        using var store = new FilePromptStore(_dir.Root);
        using var registry = new PromptRegistry([store]);
        Assert.Equal(2, (await registry.ResolveAsync(new PromptReference("greet"))).Prompt.Version);
        var changed = Signal(store);

        _dir.Write("greet/labels.yaml", "production: 1");
        await changed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, (await ServedAsync(registry, 1)).Prompt.Version);
    }

    [Fact]
    public void Ctor_TemplateSyntaxError_ThrowsAtTheFileLineAndColumn()
    {
        var path = _dir.Write("greet/v1.yaml", "messages:\n  - role: system\n    content: |\n      Line one.\n      Hello {{#items}}!\n");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal((path, 5), (error.FilePath, error.Line));
        Assert.Equal(13, error.Column);
        Assert.Contains("Prompt 'greet' version 1, message 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_VariableUsedButNotDeclared_ThrowsNamingIt()
    {
        _dir.Write("greet/v1.yaml", "variables:\n  name: {}\ntext: Hello {{name}} from {{city}}\n");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal(3, error.Line);
        Assert.Contains("uses variable 'city', which the prompt does not declare", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_VariableDeclaredButUnused_ThrowsAtTheDeclaration()
    {
        _dir.Write("greet/v1.prompty", "---\ninputs:\n  name: {}\n  unused: { default: x }\n---\nuser:\nHello {{name}}\n");

        var error = Assert.Throws<PromptException>(() => new FilePromptStore(_dir.Root, watch: false));

        Assert.Equal((4, 3), (error.Line, error.Column));
        Assert.Contains("declares variable 'unused', which no template uses", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Resolves until the expected version serves: the registry hears of the change just after the test does.</summary>
    private static async Task<PromptResolution> ServedAsync(PromptRegistry registry, int expectedVersion)
    {
        var resolution = await registry.ResolveAsync(new PromptReference("greet"));
        for (var i = 0; i < 10_000 && resolution.Prompt.Version != expectedVersion; i++)
        {
            await Task.Yield();
            resolution = await registry.ResolveAsync(new PromptReference("greet"));
        }

        return resolution;
    }

    private static Task Signal(IPromptStore store)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Watch()!.RegisterChangeCallback(static state => ((TaskCompletionSource)state!).TrySetResult(), fired);
        return fired.Task;
    }
}

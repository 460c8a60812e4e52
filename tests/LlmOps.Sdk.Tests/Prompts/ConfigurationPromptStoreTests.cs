using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Testing;

namespace LlmOps.Sdk.Tests.Prompts;

public sealed class ConfigurationPromptStoreTests
{
    [Fact]
    public async Task GetPromptAsync_Section_ReadsVersionsLabelsAndModel()
    {
        var section = Configuration(new()
        {
            ["Prompts:greet:Labels:production"] = "2",
            ["Prompts:greet:Labels:staging:0:Version"] = "1",
            ["Prompts:greet:Labels:staging:0:Weight"] = "30",
            ["Prompts:greet:Labels:staging:1:Version"] = "2",
            ["Prompts:greet:Labels:staging:1:Weight"] = "70",
            ["Prompts:greet:Versions:1:Text"] = "Hello {{name}}",
            ["Prompts:greet:Versions:2:Messages:0:Role"] = "system",
            ["Prompts:greet:Versions:2:Messages:0:Content"] = "Be brief.",
            ["Prompts:greet:Versions:2:Messages:1:Role"] = "user",
            ["Prompts:greet:Versions:2:Messages:1:Content"] = "Hi {{name}}",
            ["Prompts:greet:Versions:2:Model:Id"] = "gpt-4o-mini",
            ["Prompts:greet:Versions:2:Model:Temperature"] = "0.3",
            ["Prompts:greet:Versions:2:Variables:name:Default"] = "there",
        });
        using var store = new ConfigurationPromptStore(section);

        var greet = (await store.GetPromptAsync("greet"))!;

        Assert.Equal("Hello {{name}}", greet.Versions[1].Text);
        Assert.Equal([ChatRole.System, ChatRole.User], greet.Versions[2].Messages.Select(m => m.Role));
        Assert.Equal(("gpt-4o-mini", 0.3f), (greet.Versions[2].Model?.ModelId, greet.Versions[2].Model?.Temperature));
        Assert.Equal([new PromptVariable("name", false, "there")], greet.Versions[2].Variables);
        Assert.Equal([new PromptVersionWeight(2)], greet.Labels["production"]);
        Assert.Equal([new PromptVersionWeight(1, 30), new PromptVersionWeight(2, 70)], greet.Labels["staging"]);
    }

    [Fact]
    public async Task GetPromptAsync_NoLabels_ProductionIsTheHighestVersion()
    {
        using var store = new ConfigurationPromptStore(Configuration(new()
        {
            ["Prompts:greet:Versions:1:Text"] = "a",
            ["Prompts:greet:Versions:4:Text"] = "b",
        }));

        var greet = (await store.GetPromptAsync("greet"))!;

        Assert.Equal([new PromptVersionWeight(4)], greet.Labels["production"]);
    }

    [Fact]
    public void Ctor_LabelOnMissingVersion_ThrowsNamingTheConfigurationPath()
    {
        var error = Assert.Throws<PromptException>(() => new ConfigurationPromptStore(Configuration(new()
        {
            ["Prompts:greet:Labels:production"] = "3",
            ["Prompts:greet:Versions:1:Text"] = "a",
        })));

        Assert.StartsWith("Configuration 'Prompts:greet'", error.Message, StringComparison.Ordinal);
        Assert.Contains("points to version 3, which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_TextAndMessagesBoth_ThrowsAskingForOne()
    {
        var error = Assert.Throws<PromptException>(() => new ConfigurationPromptStore(Configuration(new()
        {
            ["Prompts:greet:Versions:1:Text"] = "a",
            ["Prompts:greet:Versions:1:Messages:0:Role"] = "user",
            ["Prompts:greet:Versions:1:Messages:0:Content"] = "b",
        })));

        Assert.Contains("'Prompts:greet:Versions:1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("exactly one of 'Text'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_ConfigurationChanged_ServesTheNewContent()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Prompts:greet:Versions:1:Text"] = "old" }).Build();
        using var store = new ConfigurationPromptStore(root.GetSection("Prompts"));
        using var registry = new PromptRegistry([store]);
        await registry.ResolveAsync(new PromptReference("greet"));

        root["Prompts:greet:Versions:2:Text"] = "new";
        root.Reload();

        var resolution = await registry.ResolveAsync(new PromptReference("greet"));
        Assert.Equal("new", resolution.Prompt.Text);
    }

    [Fact]
    public async Task Reload_ValueThatThrowsWhileRead_DoesNotEscapeTheReloadAndKeepsLastGood()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Prompts:greet:Versions:1:Text"] = "old" }).Build();
        using var store = new ConfigurationPromptStore(root.GetSection("Prompts"));
        root["Prompts:greet:Versions:1:Variables:name:Required"] = "maybe"; // bool.Parse throws a FormatException

        var error = Record.Exception(root.Reload);

        Assert.Null(error);
        Assert.Equal(1, store.ReloadFailures);
        Assert.Equal("old", (await store.GetPromptAsync("greet"))!.Versions[1].Text);
    }

    [Fact]
    public void Reload_Fails_LogsTheSectionAndTheError()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Prompts:greet:Versions:1:Text"] = "old" }).Build();
        var logger = new FakeLogger<ConfigurationPromptStore>();
        using var store = new ConfigurationPromptStore(root.GetSection("Prompts"), logger);
        root["Prompts:greet:Versions:1:Variables:name:Required"] = "maybe";

        root.Reload();

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(123, record.Id.Id);
        Assert.Contains("'Prompts'", record.Message, StringComparison.Ordinal);
        Assert.Contains("maybe", record.Message, StringComparison.Ordinal);
    }

    private static IConfigurationSection Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Prompts");
}

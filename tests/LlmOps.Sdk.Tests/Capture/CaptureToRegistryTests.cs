using LlmOps.Sdk.Tests.Sqlite;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests.Capture;

public sealed class CaptureToRegistryTests
{
    [Fact]
    public async Task StartAsync_NoRegistryDatabase_FailsTheStartSayingHowToAddOne()
    {
        await using var host = new RegistryCaptureHost(o => o.AddPrompts(store => store.Add(RegistryCaptureHost.Version1, "production")).CaptureToRegistry("support"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Host.StartAsync());

        Assert.Contains("CaptureToRegistry(\"support\")", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddPromptsFromSqlite", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddPromptsFromPostgreSql", error.Message, StringComparison.Ordinal);
        Assert.Contains("CaptureToDataset(path)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetService_KeyedPipelineWithoutRegistryDatabase_ThrowsNamingTheKey()
    {
        var services = new ServiceCollection();
        services.AddKeyedChatClient("support", new ScriptedChatClient());
        services.AddKeyedLlmOps("support", o => o.CaptureToRegistry("support"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<IChatClient>("support"));

        Assert.Contains("pipeline of key 'support'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("support reply")]
    [InlineData("support;drop")]
    public void CaptureToRegistry_BadDatasetName_ThrowsNamingItAndTheRule(string dataset)
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());

        var error = Assert.Throws<ArgumentException>(() => services.AddLlmOps(o => o.CaptureToRegistry(dataset)));

        Assert.Equal("dataset", error.ParamName);
        Assert.Contains(dataset.Length == 0 ? "is empty" : $"'{dataset}' has a character other than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptureToRegistry_NameLongerThan200_ThrowsGivingTheLimit()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());

        var error = Assert.Throws<ArgumentException>(() => services.AddLlmOps(o => o.CaptureToRegistry(new string('a', 201))));

        Assert.Contains("use at most 200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptureToRegistry_PathSet_ThrowsPointingToCaptureToDataset()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());

        var error = Assert.Throws<ArgumentException>(() => services.AddLlmOps(o => o.CaptureToRegistry("support", c => c.Path = "x.jsonl")));

        Assert.Contains("CaptureToDataset(path)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptureToDataset_PathLeftEmptyByConfigure_StillRequiresAPath()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());

        var error = Assert.Throws<ArgumentException>(() => services.AddLlmOps(o => o.CaptureToDataset("x.jsonl", c => c.Path = "")));

        Assert.Contains("CaptureOptions.Path is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaptureToRegistry_KeyedPipeline_CapturesIntoThatPipelinesDatabase()
    {
        using var file = new SqliteFile();
        var services = new ServiceCollection();
        services.AddKeyedChatClient("support", new ScriptedChatClient());
        services.AddKeyedLlmOps("support", o => o.AddPromptsFromSqlite(file.Path).CaptureToRegistry("support", c => c.SamplingRate = 1));
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredKeyedService<IChatClient>("support").GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]);
        }

        Assert.Equal(1L, file.Execute("SELECT count(*) FROM llmops_captured_cases WHERE dataset = 'support'"));
    }
}

using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Testing;
using LlmOps.Sdk.Tests.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmOps.Sdk.Tests.DependencyInjection;

public sealed class PromptRegistrationTests : IDisposable
{
    private readonly PromptDirectory _dir = new();

    [Fact]
    public async Task AddPromptsFromDirectory_CallNamesPrompt_ProviderGetsTheRenderedPrompt()
    {
        _dir.Write("greet/v1.yaml", "variables:\n  name: {}\ntext: Hello {{name}}!\n");
        var provider = new ScriptedChatClient();
        var services = new ServiceCollection();
        services.AddChatClient(provider);
        services.AddLlmOps(o => o.AddPromptsFromDirectory(_dir.Root, watch: false));
        await using var container = services.BuildServiceProvider();

        await container.GetRequiredService<IChatClient>().GetResponseAsync([], new ChatOptions().WithPrompt("greet", new { name = "Ada" }));

        Assert.Equal("Hello Ada!", Assert.Single(provider.Requests).Messages[0].Text);
    }

    [Fact]
    public async Task AddPromptsFromDirectory_BadFile_StopsHostStartNamingFileAndLine()
    {
        var path = _dir.Write("greet/v1.yaml", "text: Hello\nmodel: { temperature: hot }\n");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(o => o.AddPromptsFromDirectory(_dir.Root, watch: false));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<PromptException>(() => host.StartAsync());

        Assert.Equal((path, 2), (error.FilePath, error.Line));
        Assert.Contains("'temperature' is 'hot'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPromptsFromDirectory_RelativePathInHost_IsTakenFromTheContentRoot()
    {
        _dir.Write("prompts/greet/v1.yaml", "text: Hello from the content root");
        var provider = new ScriptedChatClient();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _dir.Root });
        builder.Services.AddChatClient(provider);
        builder.Services.AddLlmOps(o => o.AddPromptsFromDirectory("prompts", watch: false));
        using var host = builder.Build();
        Assert.NotEqual(_dir.Root, Environment.CurrentDirectory);

        await host.StartAsync();
        await host.Services.GetRequiredService<IChatClient>().GetResponseAsync([], new ChatOptions().WithPrompt("greet"));

        Assert.Equal("Hello from the content root", Assert.Single(provider.Requests).Messages[0].Text);
        var store = Assert.IsType<FilePromptStore>(Assert.Single(host.Services.GetServices<IPromptStore>()));
        Assert.Equal(Path.Combine(_dir.Root, "prompts"), store.Directory);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddPromptsFromDirectory_AbsolutePathInHost_StaysAsGiven()
    {
        _dir.Write("greet/v1.yaml", "text: Hello");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetTempPath() });
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(o => o.AddPromptsFromDirectory(_dir.Root, watch: false));
        using var host = builder.Build();

        await host.StartAsync();

        var store = Assert.IsType<FilePromptStore>(Assert.Single(host.Services.GetServices<IPromptStore>()));
        Assert.Equal(_dir.Root, store.Directory);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddPrompts_SeveralSources_FirstAddedWins()
    {
        var provider = new ScriptedChatClient();
        var services = new ServiceCollection();
        services.AddChatClient(provider);
        services.AddLlmOps(o => o
            .AddPrompts(store => store.Add(new PromptVersion("greet", 1, "from code"), "production"))
            .AddPromptStore(new InMemoryPromptStore().Add(new PromptVersion("greet", 1, "from second"), "production")));
        await using var container = services.BuildServiceProvider();

        await container.GetRequiredService<IChatClient>().GetResponseAsync([], new ChatOptions().WithPrompt("greet"));

        Assert.Equal("from code", provider.Requests[0].Messages[0].Text);
    }

    [Fact]
    public async Task AddPromptFallback_StoreFailsCold_ServesTheFallback()
    {
        var provider = new ScriptedChatClient();
        var services = new ServiceCollection();
        services.AddChatClient(provider);
        services.AddLlmOps(o => o
            .AddPromptStore(new FailingStore())
            .AddPromptFallback(new PromptVersion("greet", 1, "fallback greeting")));
        await using var container = services.BuildServiceProvider();

        await container.GetRequiredService<IChatClient>().GetResponseAsync([], new ChatOptions().WithPrompt("greet"));

        Assert.Equal("fallback greeting", provider.Requests[0].Messages[0].Text);
    }

    [Fact]
    public void AddLlmOps_NoPromptSource_LeavesThePromptStageOut()
    {
        var provider = new ScriptedChatClient();
        var services = new ServiceCollection();
        services.AddChatClient(provider);
        services.AddLlmOps();
        using var container = services.BuildServiceProvider();

        var client = container.GetRequiredService<IChatClient>();

        Assert.Null(client.GetService<PromptChatClient>());
    }

    [Fact]
    public void AddLlmOps_PromptSource_PutsThePromptStageInTheChain()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(o => o.AddPrompts(_ => { }));
        using var container = services.BuildServiceProvider();

        var client = container.GetRequiredService<IChatClient>();

        Assert.NotNull(client.GetService<PromptChatClient>());
    }

    public void Dispose() => _dir.Dispose();

    private sealed class FailingStore : IPromptStore
    {
        public ValueTask<PromptDefinition?> GetPromptAsync(string name, CancellationToken cancellationToken = default) =>
            throw new IOException("database unreachable");

        public Microsoft.Extensions.Primitives.IChangeToken? Watch() => null;
    }
}

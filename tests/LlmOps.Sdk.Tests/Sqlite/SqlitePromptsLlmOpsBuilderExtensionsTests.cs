using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.Sqlite;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests.Sqlite;

public sealed class SqlitePromptsLlmOpsBuilderExtensionsTests : IDisposable
{
    private readonly SqliteFile _file = new();

    [Fact]
    public async Task AddPromptsFromSqlite_Path_ServesWhatTheAdminPublishes()
    {
        var provider = new ScriptedChatClient();
        var services = new ServiceCollection();
        services.AddChatClient(provider);
        services.AddLlmOps(llmops => llmops.AddPromptsFromSqlite(_file.Path));
        await using var container = services.BuildServiceProvider();
        var admin = container.GetRequiredService<IPromptAdmin>();
        await admin.PublishAsync(new PromptVersion("greet", 1, "Hello {{name}}!"), new PromptChange("alice", "first"));
        await admin.SetLabelAsync("greet", "production", [new(1)], [], new PromptChange("alice", "ship"));

        await container.GetRequiredService<IChatClient>().GetResponseAsync([], new ChatOptions().WithPrompt("greet", new { name = "Ada" }));

        Assert.Equal("Hello Ada!", Assert.Single(provider.Requests).Messages[0].Text);
    }

    [Fact]
    public async Task AddPromptsFromSqlite_PathInConfiguration_OpensThatFile()
    {
        var configuration = Configuration(new() { ["LlmOps:Prompts:Sqlite:Path"] = _file.Path, ["LlmOps:Prompts:Sqlite:PollInterval"] = "00:00:05" });
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(configuration.GetSection("LlmOps"), llmops => llmops.AddPromptsFromSqlite());
        await using var container = services.BuildServiceProvider();

        var store = container.GetRequiredService<SqlitePromptStore>();

        Assert.Equal(_file.Path, store.Path);
        Assert.True(File.Exists(_file.Path));
    }

    [Fact]
    public async Task AddPromptsFromSqlite_TypoInItsSection_StopsTheStartNamingTheKey()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["LlmOps:Prompts:Sqlite:Path"] = _file.Path, ["LlmOps:Prompts:Sqlite:PolInterval"] = "00:00:05" });
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(builder.Configuration.GetSection("LlmOps"), llmops => llmops.AddPromptsFromSqlite());
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Configuration key 'LlmOps:Prompts:Sqlite:PolInterval' is not a SQLite prompt store option", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPromptsFromSqlite_ForeignFile_StopsTheStartNamingTheStore()
    {
        _file.Execute("CREATE TABLE customers (id INTEGER);");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(llmops => llmops.AddPromptsFromSqlite(_file.Path));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<PromptException>(() => host.StartAsync());

        Assert.StartsWith($"SQLite prompt store '{_file.Path}' cannot open the database: it holds tables of another application (customers)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_ReadableFile_IsHealthy()
    {
        await using var container = Container(_file.Path);

        var result = await container.GetRequiredService<SqlitePromptStoreHealthCheck>().CheckHealthAsync(Context());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task HealthCheck_FileCannotBeOpened_IsUnhealthyNamingTheStore()
    {
        var path = Path.Combine(_file.Directory, "gone", "prompts.db");
        await using var container = Container(path);

        var result = await container.GetRequiredService<SqlitePromptStoreHealthCheck>().CheckHealthAsync(Context());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"SQLite prompt store '{path}' cannot open the database: the file cannot be opened", result.Description, StringComparison.Ordinal);
    }

    public void Dispose() => _file.Dispose();

    private static ServiceProvider Container(string path)
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(llmops => llmops.AddPromptsFromSqlite(path));
        return services.BuildServiceProvider();
    }

    private static HealthCheckContext Context() => new()
    {
        Registration = new HealthCheckRegistration("prompts", static _ => null!, HealthStatus.Unhealthy, null), // the factory is never called here
    };

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}

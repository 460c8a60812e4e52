using LlmOps.Sdk.RateLimits;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests.RateLimits;

public sealed class RateLimitOptionsTests
{
    [Fact]
    public async Task FallbackModelId_FromConfiguration_ReroutesACallTheModelLimitRefuses()
    {
        var provider = new ScriptedChatClient();
        using var host = BuildHost(provider, new()
        {
            ["LlmOps:RateLimits:MaxWait"] = "00:00:00",
            ["LlmOps:RateLimits:FallbackModelId"] = "small-model",
            [$"LlmOps:RateLimits:Models:{ScriptedChatClient.DefaultModelId}:RequestsPerMinute"] = "1",
            [$"LlmOps:RateLimits:Models:{ScriptedChatClient.DefaultModelId}:FallbackModelId"] = "mini-model",
        });
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IChatClient>();
        await client.GetResponseAsync("one");

        await client.GetResponseAsync("two");

        Assert.Equal("small-model", host.Services.GetRequiredService<IOptions<LlmOpsOptions>>().Value.RateLimits.FallbackModelId);
        Assert.Equal([null, "mini-model"], provider.Requests.Select(r => r.Options?.ModelId));
    }

    [Theory]
    [InlineData("LlmOps:RateLimits:FallbackModelId", " ", "LlmOps:RateLimits:FallbackModelId is empty")]
    [InlineData("LlmOps:RateLimits:Models:scripted-model:FallbackModelId", " ", "LlmOps:RateLimits:Models:scripted-model:FallbackModelId is empty")]
    [InlineData("LlmOps:RateLimits:Models:scripted-model:FallbackModelId", "Scripted-Model", "FallbackModelId is 'Scripted-Model', the model itself")]
    public async Task FallbackModelId_Invalid_FailsHostStartNamingTheOption(string key, string value, string expected)
    {
        using var provider = new ScriptedChatClient();
        using var host = BuildHost(provider, new()
        {
            ["LlmOps:RateLimits:Models:scripted-model:RequestsPerMinute"] = "1",
            [key] = value,
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FallbackModelId_EmptyWithoutDependencyInjection_ThrowsWhileComposing()
    {
        var options = new RateLimitOptions { RequestsPerMinute = 1, FallbackModelId = "" };

        var error = Assert.Throws<OptionsValidationException>(() => new ChatClientBuilder(new ScriptedChatClient()).UseLlmOpsRateLimits(options));

        Assert.Contains("LlmOps:RateLimits:FallbackModelId is empty", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(ScriptedChatClient provider, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddChatClient(provider);
        builder.Services.AddLlmOps(builder.Configuration.GetSection(LlmOpsOptions.SectionName));
        return builder.Build();
    }
}

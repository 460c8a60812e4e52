using LlmOps.Sdk.Testing;
using LlmOps.Sdk.Tests.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LlmOps.Sdk.Tests.Caching;

/// <summary>The response cache's second level on a real Redis: what one process cached, another is served.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class ResponseCacheRedisTests(RedisFixture fixture)
{
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_CachedByOnePipeline_IsAHitForAnotherSharingTheRedis(bool streaming)
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        var firstProvider = new ScriptedChatClient();
        var secondProvider = new ScriptedChatClient();
        await using var first = Services(firstProvider, fixture.Server.ConnectionString, prefix);
        await using var second = Services(secondProvider, fixture.Server.ConnectionString, prefix);

        var original = await CacheHost.AskAsync(first.GetRequiredService<IChatClient>(), streaming, new ChatOptions().WithCache());
        var shared = await CacheHost.AskAsync(second.GetRequiredService<IChatClient>(), streaming, new ChatOptions().WithCache());

        Assert.Equal(1, firstProvider.CallCount);
        Assert.Equal(0, secondProvider.CallCount);
        Assert.True(shared.IsFromCache(), "the second process was not served the first one's answer");
        Assert.Equal(original.Text, shared.Text);
    }

    [SkippableFact]
    public async Task GetResponseAsync_StoredInRedis_KeyHoldsNoMessageText()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var services = Services(new ScriptedChatClient(), fixture.Server.ConnectionString, prefix);

        await services.GetRequiredService<IChatClient>().GetResponseAsync(CacheHost.Question("My e-mail is ada@example.com"), new ChatOptions().WithCache());

        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Server.ConnectionString);
        var keys = redis.GetServers()[0].Keys(pattern: $"*{prefix}*").Select(k => k.ToString()).ToList();
        var key = Assert.Single(keys);
        Assert.DoesNotContain("ada", key, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("[0-9a-f]{64}$", key);
    }

    private static ServiceProvider Services(ScriptedChatClient provider, string redis, string prefix)
    {
        // Each provider is a process of its own: its own memory level, the same Redis behind it.
        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(o => o.Configuration = redis);
        services.AddChatClient(provider);
        services.AddLlmOps(llmops => llmops.AddResponseCache(c => c.KeyPrefix = prefix));
        return services.BuildServiceProvider();
    }
}

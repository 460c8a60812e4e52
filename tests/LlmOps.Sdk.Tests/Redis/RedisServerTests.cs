using StackExchange.Redis;

namespace LlmOps.Sdk.Tests.Redis;

[Collection(SharedRedisServer.Name)]
public sealed class RedisServerTests(RedisFixture fixture)
{
    [SkippableFact]
    public async Task StartAsync_InstalledBinary_AcceptsCommandsOnLoopback()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(fixture.Server.ConnectionString);
        var database = connection.GetDatabase();

        Assert.Equal(1, await database.StringIncrementAsync("llmops:test:counter"));
        Assert.Equal(2, await database.StringIncrementAsync("llmops:test:counter"));
    }
}

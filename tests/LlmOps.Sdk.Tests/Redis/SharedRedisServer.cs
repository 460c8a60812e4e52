namespace LlmOps.Sdk.Tests.Redis;

/// <summary>The tests that share one Redis server; they run one after another, so that one test's keys never surprise another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedisServer : ICollectionFixture<RedisFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Redis";
}

namespace LlmOps.Sdk.Tests.PostgreSql;

/// <summary>The tests that share one PostgreSQL server; they run one after another, so a test that stops a server disturbs no other.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPostgreSqlServer : ICollectionFixture<PostgreSqlFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSql";
}

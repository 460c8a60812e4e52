using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.PostgreSql;
using LlmOps.Sdk.Tests.Prompts.Admin;

namespace LlmOps.Sdk.Tests.PostgreSql;

/// <summary>Holds the PostgreSQL store to what every <see cref="IPromptAdmin"/> promises, each test on a database of its own.</summary>
[Collection(SharedPostgreSqlServer.Name)]
public sealed class PostgreSqlPromptStoreAdminTests(PostgreSqlFixture fixture) : PromptAdminContract
{
    public override async Task DisposeAsync()
    {
        if (Admin is PostgreSqlPromptStore store)
        {
            await store.DisposeAsync();
        }
    }

    protected override async Task<IPromptAdmin> CreateAsync() =>
        new PostgreSqlPromptStore(await fixture.Server.CreateDatabaseAsync(), new PostgreSqlPromptStoreOptions { ListenForChanges = false }, Time);
}

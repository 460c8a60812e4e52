using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.Sqlite;
using LlmOps.Sdk.Tests.Prompts.Admin;

namespace LlmOps.Sdk.Tests.Sqlite;

/// <summary>Holds the SQLite store to everything an <see cref="IPromptAdmin"/> promises.</summary>
public sealed class SqlitePromptStoreAdminTests : PromptAdminContract, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override Task<IPromptAdmin> CreateAsync() =>
        Task.FromResult<IPromptAdmin>(new SqlitePromptStore(new SqlitePromptStoreOptions { Path = _file.Path }, timeProvider: Time));

    public override async Task DisposeAsync()
    {
        ((SqlitePromptStore)Admin).Dispose();
        await base.DisposeAsync();
    }

    public void Dispose() => _file.Dispose();
}

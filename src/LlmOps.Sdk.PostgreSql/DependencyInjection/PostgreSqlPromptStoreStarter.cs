using Microsoft.Extensions.Hosting;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>Starts a store with the host, so a database that cannot be reached stops the start rather than the first call.</summary>
internal sealed class PostgreSqlPromptStoreStarter(PostgreSqlPromptStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask; // the container disposes the store
}

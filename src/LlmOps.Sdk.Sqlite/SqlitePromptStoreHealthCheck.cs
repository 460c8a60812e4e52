using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmOps.Sdk.Prompts.Sqlite;

/// <summary>Reports whether a <see cref="SqlitePromptStore"/> can open its file and read it.</summary>
/// <remarks>
/// Register it with <c>services.AddHealthChecks().AddCheck&lt;SqlitePromptStoreHealthCheck&gt;("prompts")</c> after
/// <c>AddPromptsFromSqlite</c>. An unhealthy result names the store and says how to fix it; a registry keeps serving its
/// cached, snapshot or fallback prompts meanwhile.
/// </remarks>
public sealed class SqlitePromptStoreHealthCheck : IHealthCheck
{
    private readonly SqlitePromptStore _store;

    /// <summary>Initializes a new instance of the <see cref="SqlitePromptStoreHealthCheck"/> class.</summary>
    /// <param name="store">The store to check.</param>
    public SqlitePromptStoreHealthCheck(SqlitePromptStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _store.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{_store.Description} can be read.");
        }
        catch (PromptException error)
        {
            return new HealthCheckResult(context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy, error.Message, error);
        }
    }
}

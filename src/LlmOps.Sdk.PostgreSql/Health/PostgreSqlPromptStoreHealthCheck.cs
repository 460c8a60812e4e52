using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>Reports whether a <see cref="PostgreSqlPromptStore"/> can reach its database and hears its changes.</summary>
/// <remarks>
/// Healthy: the database answers with the schema this code knows, and the listener is connected. Degraded: the
/// database answers, but the listener is reconnecting, so changes are served only as cached prompts expire.
/// Unhealthy: the database cannot be reached or read; cached prompts keep serving, and the description names the store
/// and the fix. Register it with <c>services.AddHealthChecks().AddCheck&lt;PostgreSqlPromptStoreHealthCheck&gt;("prompts")</c>.
/// </remarks>
public sealed class PostgreSqlPromptStoreHealthCheck : IHealthCheck
{
    private readonly PostgreSqlPromptStore _store;

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlPromptStoreHealthCheck"/> class.</summary>
    /// <param name="store">The store to check.</param>
    public PostgreSqlPromptStoreHealthCheck(PostgreSqlPromptStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _store.CheckReachableAsync(cancellationToken);
        }
        catch (InvalidOperationException error)
        {
            return new HealthCheckResult(context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy, error.Message, error);
        }

        return _store.Listener is { IsConnected: false }
            ? HealthCheckResult.Degraded($"{_store} answers, but its change listener is reconnecting: changes are served only as cached prompts expire.")
            : HealthCheckResult.Healthy($"{_store} answers with schema version {SchemaMigration.Latest}.");
    }
}

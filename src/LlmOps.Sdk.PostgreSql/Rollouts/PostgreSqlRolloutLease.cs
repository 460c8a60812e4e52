using LlmOps.Sdk.Rollouts;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>The rollout lease of a fleet on one PostgreSQL database: a row in <c>llmops.leases</c> with its holder and expiry.</summary>
/// <remarks>
/// Expiry is set and judged with the database's <c>now()</c>, so instances whose clocks drift apart still agree on who
/// holds it. Thread-safe: each call is one statement on a pooled connection.
/// </remarks>
internal sealed class PostgreSqlRolloutLease(PostgreSqlPromptStore store, string name) : IRolloutLease
{
    /// <summary>Gets the lease row's name.</summary>
    public string Name => name;

    public ValueTask<bool> TryAcquireAsync(string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return store.TryAcquireLeaseAsync(name, holder, duration, cancellationToken);
    }

    public ValueTask ReleaseAsync(string holder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        return store.ReleaseLeaseAsync(name, holder, cancellationToken);
    }
}

using Microsoft.Extensions.Logging;
using Npgsql;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>Brings a database's schema to the version this code knows, or refuses a schema it cannot read.</summary>
/// <remarks>
/// Nothing is written when the schema is current, so a reader role that may not create tables starts as well as a
/// writer. Scripts run in one transaction under an advisory lock, so that instances starting together migrate once.
/// </remarks>
internal static class SchemaMigrator
{
    /// <summary>Checks the schema, and migrates it when it is older and <paramref name="migrate"/> is on.</summary>
    /// <returns>The schema version after the check.</returns>
    /// <exception cref="InvalidOperationException">The schema is newer than the code, or older with migration off.</exception>
    public static async Task<int> EnsureAsync(
        NpgsqlDataSource dataSource, bool migrate, StoreAddress address, ILogger logger, CancellationToken cancellationToken)
    {
        var latest = SchemaMigration.Latest;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var current = await ReadVersionAsync(connection, null, cancellationToken);
        ThrowIfNewer(address, current, latest);
        if (current == latest)
        {
            return current;
        }

        if (!migrate)
        {
            throw new InvalidOperationException(
                $"{address} has schema version {current}, and this code needs version {latest}. " +
                "Start one instance with MigrateOnStart on, as a user that may create tables (the writer role), to upgrade it.");
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand(SqlText.SchemaLock, connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgreSqlConstants.MigrationLockKey });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        // Read again under the lock: another instance may have migrated while this one waited.
        var locked = await ReadVersionAsync(connection, transaction, cancellationToken);
        ThrowIfNewer(address, locked, latest);
        foreach (var migration in SchemaMigration.All)
        {
            if (migration.Version <= locked)
            {
                continue;
            }

            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = new NpgsqlCommand(SqlText.SchemaRecord, connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (locked < latest)
        {
            PostgreSqlLog.Migrated(logger, address.ToString(), locked, latest);
        }

        return latest;
    }

    /// <summary>Reads the schema version and writes nothing: no DDL, no migration, no lock.</summary>
    /// <returns>The schema version; 0 when the database has no schema yet.</returns>
    /// <exception cref="InvalidOperationException">The schema is newer than the code.</exception>
    /// <remarks>
    /// An older schema is read as it is: every version holds the prompt tables (0001), and what a later script added
    /// (leases, captured cases) is read as empty.
    /// </remarks>
    public static async Task<int> ReadAsync(NpgsqlDataSource dataSource, StoreAddress address, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var current = await ReadVersionAsync(connection, null, cancellationToken);
        ThrowIfNewer(address, current, SchemaMigration.Latest);
        return current;
    }

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand(SqlText.SchemaTableExists, connection, transaction))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        await using var version = new NpgsqlCommand(SqlText.SchemaVersion, connection, transaction);
        return (int)(await version.ExecuteScalarAsync(cancellationToken) ?? 0);
    }

    private static void ThrowIfNewer(StoreAddress address, int current, int latest)
    {
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"{address} has schema version {current}, newer than version {latest}, the newest this LlmOps.Sdk.PostgreSql knows. " +
                "A newer release wrote it: upgrade this application's LlmOps.Sdk.PostgreSql package to that release or later. Nothing was changed.");
        }
    }
}

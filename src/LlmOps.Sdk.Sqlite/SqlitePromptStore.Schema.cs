using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LlmOps.Sdk.Prompts.Sqlite;

public sealed partial class SqlitePromptStore
{
    /// <summary>Creates or migrates the schema once per store; every process that opens the file does the same, safely.</summary>
    /// <exception cref="PromptException">The file belongs to another application, or its schema is newer than this code.</exception>
    /// <exception cref="SqliteException">The file cannot be opened, is not a database, or is damaged.</exception>
    private void EnsureSchema(SqliteConnection connection)
    {
        lock (_gate)
        {
            if (_schemaReady)
            {
                return;
            }

            if (_options.ReadOnly)
            {
                ReadSchema(connection);
                return;
            }

            Execute(connection, null, SqliteStatements.JournalModeWal);

            // IMMEDIATE: two processes that open a new file at once migrate it one after the other, not both.
            using var transaction = connection.BeginTransaction(deferred: false);
            var (hasVersionTable, tables) = ReadTables(connection, transaction);
            if (!hasVersionTable && tables.Length > 0)
            {
                throw Foreign($"it holds tables of another application ({tables})");
            }

            Execute(connection, transaction, SqliteStatements.SchemaVersionCreate);
            var current = Convert.ToInt32(Scalar(connection, transaction, SqliteStatements.SchemaVersionCurrent), CultureInfo.InvariantCulture);
            ThrowIfNewer(current);

            foreach (var (version, sql) in SqliteStatements.Migrations)
            {
                if (version > current)
                {
                    Execute(connection, transaction, sql);
                    Execute(connection, transaction, SqliteStatements.SchemaVersionInsert,
                        ("$version", version), ("$applied_at", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
                }
            }

            if (Scalar(connection, transaction, SqliteStatements.StoreApplicationRead) is not SqliteConstants.Application)
            {
                throw Foreign("its llmops_store table does not name LlmOps.Sdk prompts");
            }

            var count = Convert.ToInt64(Scalar(connection, transaction, SqliteStatements.ChangeCountRead), CultureInfo.InvariantCulture);
            transaction.Commit();
            Interlocked.CompareExchange(ref _changeCount, count, Unknown);
            _schemaVersion = SqliteStatements.LatestSchemaVersion;
            _schemaReady = true;
            if (current < SqliteStatements.LatestSchemaVersion)
            {
                SqliteLog.Migrated(_logger, Path, current, SqliteStatements.LatestSchemaVersion);
            }

            SqliteLog.Opened(_logger, Path, SqliteStatements.LatestSchemaVersion);
        }
    }

    /// <summary>Reads the schema version and writes nothing: no WAL switch, no write lock, no migration.</summary>
    /// <remarks>
    /// An older schema is read as it is: every version holds the prompt tables (0001), and the captured cases a later
    /// script added are read as none. A file without the schema is an empty store.
    /// </remarks>
    /// <exception cref="PromptException">The file belongs to another application, or its schema is newer than this code.</exception>
    private void ReadSchema(SqliteConnection connection)
    {
        var (hasVersionTable, tables) = ReadTables(connection, null);
        if (!hasVersionTable && tables.Length > 0)
        {
            throw Foreign($"it holds tables of another application ({tables})");
        }

        var current = hasVersionTable
            ? Convert.ToInt32(Scalar(connection, null, SqliteStatements.SchemaVersionCurrent), CultureInfo.InvariantCulture)
            : 0;
        ThrowIfNewer(current);
        if (current > 0 && Scalar(connection, null, SqliteStatements.StoreApplicationRead) is not SqliteConstants.Application)
        {
            throw Foreign("its llmops_store table does not name LlmOps.Sdk prompts");
        }

        _schemaVersion = current;
        _schemaReady = true;
        SqliteLog.Opened(_logger, Path, current);
    }

    private void ThrowIfNewer(int current)
    {
        if (current > SqliteStatements.LatestSchemaVersion)
        {
            throw new PromptException(
                $"{Description} cannot open the database: its schema is version {current}, newer than this version of LlmOps.Sdk.Sqlite knows " +
                $"(up to {SqliteStatements.LatestSchemaVersion}); a newer version of the package wrote it. Update LlmOps.Sdk.Sqlite. The file was not changed.")
            {
                FilePath = Path,
            };
        }
    }

    private PromptException Foreign(string why) => new(
        $"{Description} cannot open the database: {why}, not LlmOps prompts. Point LlmOps:Prompts:Sqlite:Path at a prompt database, or at a new file to create one.")
    {
        FilePath = Path,
    };

    private static (bool HasVersionTable, string Tables) ReadTables(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, transaction, SqliteStatements.SchemaVersionRead);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0) > 0, reader.IsDBNull(1) ? string.Empty : reader.GetString(1));
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return command.ExecuteScalar();
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using LlmOps.Sdk.Capture;
using Npgsql;
using NpgsqlTypes;

namespace LlmOps.Sdk.Prompts.PostgreSql;

public sealed partial class PostgreSqlPromptStore : ICapturedCaseStore
{
    /// <inheritdoc/>
    string ICapturedCaseStore.Description => _store;

    /// <inheritdoc/>
    async ValueTask ICapturedCaseStore.AppendAsync(IReadOnlyList<CapturedCase> cases, CancellationToken cancellationToken)
    {
        if (cases.Count == 0)
        {
            return;
        }

        ThrowIfReadOnly("could not capture cases");
        await StartAsync(cancellationToken);
        try
        {
            // One batch in one transaction: one round trip for what the queue held, and all of it or none.
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var captured in cases)
            {
                var command = new NpgsqlBatchCommand(SqlText.CapturedCaseInsert);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = captured.Dataset });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = captured.CapturedAt.ToUniversalTime() });
                command.Parameters.Add(Nullable(captured.PromptName, NpgsqlDbType.Text));
                command.Parameters.Add(Nullable(captured.PromptVersion, NpgsqlDbType.Integer));
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = captured.Reason });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = captured.ResponseId });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = captured.Item, NpgsqlDbType = NpgsqlDbType.Json });
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception error) when (StoreErrors.IsDatabaseError(error) && !cancellationToken.IsCancellationRequested)
        {
            throw StoreErrors.Explain(_address, string.Create(CultureInfo.InvariantCulture,
                $"could not write {cases.Count} captured cases of dataset '{cases[0].Dataset}'"), error);
        }
    }

    /// <inheritdoc/>
    async IAsyncEnumerable<CapturedCase> ICapturedCaseStore.ReadAsync(CapturedCaseQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        if (_schemaVersion < PostgreSqlConstants.CapturedCasesSchemaVersion)
        {
            yield break; // read-only, on a schema from before captured cases (or none): none were captured here
        }

        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception error) when (StoreErrors.IsDatabaseError(error) && !cancellationToken.IsCancellationRequested)
        {
            throw StoreErrors.Explain(_address, $"could not read the captured cases of dataset '{query.Dataset}'", error);
        }

        await using (connection)
        {
            await using var command = new NpgsqlCommand(SqlText.CapturedCasesRead, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Dataset });
            command.Parameters.Add(Nullable(query.PromptName, NpgsqlDbType.Text));
            command.Parameters.Add(Nullable(query.PromptVersion, NpgsqlDbType.Integer));
            command.Parameters.Add(Nullable(query.Reason, NpgsqlDbType.Text));
            command.Parameters.Add(Nullable(query.Since?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
            NpgsqlDataReader reader;
            try
            {
                reader = await command.ExecuteReaderAsync(cancellationToken);
            }
            catch (Exception error) when (StoreErrors.IsDatabaseError(error) && !cancellationToken.IsCancellationRequested)
            {
                throw StoreErrors.Explain(_address, $"could not read the captured cases of dataset '{query.Dataset}'", error);
            }

            await using (reader)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    yield return new CapturedCase(
                        query.Dataset,
                        reader.GetFieldValue<DateTimeOffset>(0),
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetInt32(2),
                        reader.GetString(3),
                        reader.GetString(4),
                        reader.GetString(5));
                }
            }
        }
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}

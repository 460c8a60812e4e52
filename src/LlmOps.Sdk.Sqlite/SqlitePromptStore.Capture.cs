using System.Globalization;
using System.Runtime.CompilerServices;
using LlmOps.Sdk.Capture;
using Microsoft.Data.Sqlite;

namespace LlmOps.Sdk.Prompts.Sqlite;

public sealed partial class SqlitePromptStore : ICapturedCaseStore
{
    /// <inheritdoc/>
    string ICapturedCaseStore.Description => Description;

    /// <inheritdoc/>
    async ValueTask ICapturedCaseStore.AppendAsync(IReadOnlyList<CapturedCase> cases, CancellationToken cancellationToken)
    {
        if (cases.Count == 0)
        {
            return;
        }

        try
        {
            await using var connection = await OpenAsync(cancellationToken);

            // IMMEDIATE: take the write lock now, so that the busy timeout applies here and not halfway through the batch.
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = Command(connection, transaction, SqliteStatements.CapturedCaseInsert,
                ("$dataset", null), ("$captured_at", null), ("$prompt_name", null), ("$prompt_version", null),
                ("$reason", null), ("$response_id", null), ("$item", null));
            foreach (var captured in cases)
            {
                command.Parameters["$dataset"].Value = captured.Dataset;
                command.Parameters["$captured_at"].Value = Timestamp(captured.CapturedAt);
                command.Parameters["$prompt_name"].Value = (object?)captured.PromptName ?? DBNull.Value;
                command.Parameters["$prompt_version"].Value = (object?)captured.PromptVersion ?? DBNull.Value;
                command.Parameters["$reason"].Value = captured.Reason;
                command.Parameters["$response_id"].Value = captured.ResponseId;
                command.Parameters["$item"].Value = captured.Item;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException error)
        {
            throw Failure(error, string.Create(CultureInfo.InvariantCulture, $"write {cases.Count} captured cases of dataset '{cases[0].Dataset}'"));
        }
    }

    /// <inheritdoc/>
    async IAsyncEnumerable<CapturedCase> ICapturedCaseStore.ReadAsync(CapturedCaseQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SqliteConnection connection;
        SqliteDataReader reader;
        try
        {
            connection = await OpenAsync(cancellationToken);
        }
        catch (SqliteException error)
        {
            throw Failure(error, $"read the captured cases of dataset '{query.Dataset}'");
        }

        await using (connection)
        {
            if (_schemaVersion < SqliteConstants.CapturedCasesSchemaVersion)
            {
                yield break; // read-only, on a file from before captured cases (or without the schema): none were captured
            }

            await using var command = Command(connection, null, SqliteStatements.CapturedCasesRead,
                ("$dataset", query.Dataset), ("$prompt_name", query.PromptName), ("$prompt_version", query.PromptVersion),
                ("$reason", query.Reason), ("$since", query.Since is { } since ? Timestamp(since) : null));
            try
            {
                reader = await command.ExecuteReaderAsync(cancellationToken);
            }
            catch (SqliteException error)
            {
                throw Failure(error, $"read the captured cases of dataset '{query.Dataset}'");
            }

            await using (reader)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    yield return new CapturedCase(
                        query.Dataset,
                        DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetInt32(2),
                        reader.GetString(3),
                        reader.GetString(4),
                        reader.GetString(5));
                }
            }
        }
    }

    // Fixed-width UTC text, so that comparing the text compares the times.
    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace LlmOps.Sdk.Prompts.PostgreSql;

public sealed partial class PostgreSqlPromptStore
{
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The change names no actor.</exception>
    /// <exception cref="InvalidOperationException">The database cannot be reached or written; the message names the store and the fix.</exception>
    public async ValueTask<PromptPublishResult> PublishAsync(PromptVersion version, PromptChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        PromptChangeRules.ThrowIfInvalid(change);
        PromptChangeRules.ThrowIfInvalid(version, _store);
        var document = PromptVersionJson.SerializeToString(version);
        await StartAsync(cancellationToken);
        return await WriteAsync($"could not publish prompt '{version.Name}' version {version.Version}", version.Name, async (connection, transaction) =>
        {
            var now = _time.GetUtcNow();
            await ExecuteAsync(connection, transaction, SqlText.PromptInsert, cancellationToken, Text(version.Name), Time(now));
            await LockAsync(connection, transaction, version.Name, cancellationToken);
            if (await ReadVersionAsync(connection, transaction, SqlText.VersionByHash, version.Name, Text(version.ContentHash), cancellationToken) is { } same)
            {
                return (new PromptPublishResult(same, Created: false), false);
            }

            if (await ReadVersionAsync(connection, transaction, SqlText.VersionGet, version.Name, Number(version.Version), cancellationToken) is { } taken)
            {
                var numbers = await VersionNumbersAsync(connection, transaction, version.Name, cancellationToken);
                throw PromptChangeRules.PublishConflict(version, taken.ContentHash, numbers.Max(), _store);
            }

            await ExecuteAsync(connection, transaction, SqlText.VersionInsert, cancellationToken,
                Text(version.Name), Number(version.Version), Text(version.ContentHash), Text(document), Time(now));
            await RecordAsync(connection, transaction, now, PromptHistoryKind.Publish, version.Name, version.Version, null, [], [], change, cancellationToken);
            return (new PromptPublishResult(version, Created: true), true);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The name or label is invalid, the label is <c>latest</c>, or the change names no actor.</exception>
    /// <exception cref="InvalidOperationException">The database cannot be reached or written; the message names the store and the fix.</exception>
    public async ValueTask<PromptLabelMove> SetLabelAsync(
        string name,
        string label,
        IReadOnlyList<PromptVersionWeight> targets,
        IReadOnlyList<PromptVersionWeight>? expected,
        PromptChange change,
        CancellationToken cancellationToken = default)
    {
        PromptChangeRules.ThrowIfInvalidLabel(name, label);
        ArgumentNullException.ThrowIfNull(targets);
        PromptChangeRules.ThrowIfInvalid(change);
        await StartAsync(cancellationToken);
        return await WriteAsync($"could not move label '{label}' of prompt '{name}'", name, async (connection, transaction) =>
        {
            var before = await CurrentAsync(connection, transaction, name, label, expected, cancellationToken);
            var numbers = await VersionNumbersAsync(connection, transaction, name, cancellationToken);
            var after = PromptChangeRules.CheckTargets(name, label, targets, numbers.Contains, _store);
            if (PromptChangeRules.SameTargets(before, after))
            {
                return (new PromptLabelMove(name, label, before, before), false); // nothing moves, so nothing is recorded
            }

            var now = _time.GetUtcNow();
            await ExecuteAsync(connection, transaction, SqlText.LabelUpsert, cancellationToken,
                Text(name), Text(label), Numbers(after), Weights(after), Time(now));
            await RecordAsync(connection, transaction, now, PromptHistoryKind.LabelSet, name, null, label, before, after, change, cancellationToken);
            return (new PromptLabelMove(name, label, before, after), true);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The name or label is invalid, the label is <c>latest</c>, or the change names no actor.</exception>
    /// <exception cref="InvalidOperationException">The database cannot be reached or written; the message names the store and the fix.</exception>
    public async ValueTask<PromptLabelMove> RemoveLabelAsync(
        string name,
        string label,
        IReadOnlyList<PromptVersionWeight>? expected,
        PromptChange change,
        CancellationToken cancellationToken = default)
    {
        PromptChangeRules.ThrowIfInvalidLabel(name, label);
        PromptChangeRules.ThrowIfInvalid(change);
        await StartAsync(cancellationToken);
        return await WriteAsync($"could not remove label '{label}' of prompt '{name}'", name, async (connection, transaction) =>
        {
            var before = await CurrentAsync(connection, transaction, name, label, expected, cancellationToken);
            if (before.Length == 0)
            {
                throw PromptChangeRules.NoLabel(name, label, await LabelNamesAsync(connection, transaction, name, cancellationToken), _store);
            }

            var now = _time.GetUtcNow();
            await ExecuteAsync(connection, transaction, SqlText.LabelDelete, cancellationToken, Text(name), Text(label));
            await RecordAsync(connection, transaction, now, PromptHistoryKind.LabelRemove, name, null, label, before, [], change, cancellationToken);
            return (new PromptLabelMove(name, label, before, []), true);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The name or label is invalid, the label is <c>latest</c>, or the change names no actor.</exception>
    /// <exception cref="InvalidOperationException">The database cannot be reached or written; the message names the store and the fix.</exception>
    public async ValueTask<PromptLabelMove> RollbackLabelAsync(string name, string label, PromptChange change, CancellationToken cancellationToken = default)
    {
        PromptChangeRules.ThrowIfInvalidLabel(name, label);
        PromptChangeRules.ThrowIfInvalid(change);
        await StartAsync(cancellationToken);
        return await WriteAsync($"could not roll back label '{label}' of prompt '{name}'", name, async (connection, transaction) =>
        {
            var before = await CurrentAsync(connection, transaction, name, label, expected: null, cancellationToken);
            List<PromptHistoryEntry> moves = [];
            await using (var history = Command(connection, transaction, SqlText.HistoryLabel, Text(name), Text(label)))
            await using (var reader = await history.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    moves.Add(ReadEntry(reader));
                }
            }

            var target = PromptChangeRules.RollbackSource(name, label, moves, _store).Before;
            var now = _time.GetUtcNow();
            await ExecuteAsync(connection, transaction, SqlText.LabelUpsert, cancellationToken,
                Text(name), Text(label), Numbers(target), Weights(target), Time(now));
            await RecordAsync(connection, transaction, now, PromptHistoryKind.Rollback, name, null, label, before, target, change, cancellationToken);
            return (new PromptLabelMove(name, label, before, [.. target]), true);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<PromptHistoryEntry> GetHistoryAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!PromptName.IsValid(name))
        {
            yield break;
        }

        await StartAsync(cancellationToken);
        if (_schemaVersion == 0)
        {
            yield break; // read-only, on a database without the schema
        }

        await using var connection = await OpenAsync("could not read the history", cancellationToken);
        await using var command = Command(connection, null, SqlText.HistoryGet, Text(name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadEntry(reader);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListPromptsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken);
        if (_schemaVersion == 0)
        {
            yield break; // read-only, on a database without the schema
        }

        await using var connection = await OpenAsync("could not list the prompts", cancellationToken);
        await using var command = Command(connection, null, SqlText.PromptNames);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetString(0);
        }
    }

    /// <summary>Runs a write in one transaction on the prompt's locked row, announces it, and commits.</summary>
    /// <param name="doing">What the write does, for an error message.</param>
    /// <param name="name">The prompt written, announced to every listener.</param>
    /// <param name="write">The write; returns its result and whether it changed anything.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    private async ValueTask<T> WriteAsync<T>(
        string doing, string name, Func<NpgsqlConnection, NpgsqlTransaction, Task<(T Result, bool Changed)>> write, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly(doing);
        (T Result, bool Changed) outcome;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            outcome = await write(connection, transaction);
            if (outcome.Changed)
            {
                // Inside the transaction: delivered when, and only if, the write commits.
                await ExecuteAsync(connection, transaction, SqlText.Notify, cancellationToken, Text(PostgreSqlConstants.Channel), Text(name));
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception error) when (StoreErrors.IsDatabaseError(error) && !cancellationToken.IsCancellationRequested)
        {
            throw StoreErrors.Explain(_address, doing, error);
        }

        if (outcome.Changed)
        {
            _changes.Fire(name); // this process's registries need not wait for the notification's round trip
        }

        return outcome.Result;
    }

    /// <summary>Locks the prompt and reads where the label points, checking it against what the caller expected.</summary>
    private Task<PromptVersionWeight[]> CurrentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string label,
        IReadOnlyList<PromptVersionWeight>? expected, CancellationToken cancellationToken) =>
        CurrentAsync(connection, transaction, name, label, expected, _store, cancellationToken);

    private static async Task<PromptVersionWeight[]> CurrentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string label,
        IReadOnlyList<PromptVersionWeight>? expected, string store, CancellationToken cancellationToken)
    {
        if (!await LockAsync(connection, transaction, name, cancellationToken))
        {
            throw PromptChangeRules.NoPrompt(name, store);
        }

        PromptVersionWeight[] current = [];
        await using (var command = Command(connection, transaction, SqlText.LabelGet, Text(name), Text(label)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                current = Targets(reader.GetFieldValue<int[]>(0), reader.GetFieldValue<double[]>(1));
            }
        }

        PromptChangeRules.ThrowIfNotExpected(name, label, expected, current, store);
        return current;
    }

    /// <summary>Locks the prompt's row until the transaction ends; a second writer waits here, then reads what the first wrote.</summary>
    /// <returns>Whether the prompt exists.</returns>
    private static async Task<bool> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, SqlText.PromptLock, Text(name));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Reads one stored version by a query that selects version, hash and document.</summary>
    private async Task<PromptVersion?> ReadVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string name, NpgsqlParameter key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, Text(name), key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Parse(name, reader.GetInt32(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    private static async Task<List<string>> LabelNamesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        List<string> labels = [];
        await using var command = Command(connection, transaction, SqlText.LabelNames, Text(name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            labels.Add(reader.GetString(0));
        }

        return labels;
    }

    private static async Task<List<int>> VersionNumbersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        List<int> numbers = [];
        await using var command = Command(connection, transaction, SqlText.VersionNumbers, Text(name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers.Add(reader.GetInt32(0));
        }

        return numbers;
    }

    private async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset at, PromptHistoryKind kind, string name, int? version, string? label,
        IReadOnlyList<PromptVersionWeight> before, IReadOnlyList<PromptVersionWeight> after, PromptChange change, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, SqlText.HistoryInsert, cancellationToken,
            Time(at), Text(KindText(kind)), Text(name),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = version is { } v ? v : DBNull.Value },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = label is null ? DBNull.Value : label },
            Numbers(before), Weights(before), Numbers(after), Weights(after), Text(JsonText(change.Actor)), Text(JsonText(change.Reason)));
        PostgreSqlLog.Written(_logger, _store, KindText(kind), name, change.Actor);
    }

    private PromptHistoryEntry ReadEntry(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetFieldValue<DateTimeOffset>(1),
        ParseKind(reader.GetString(2)),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetInt32(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        Targets(reader.GetFieldValue<int[]>(6), reader.GetFieldValue<double[]>(7)),
        Targets(reader.GetFieldValue<int[]>(8), reader.GetFieldValue<double[]>(9)),
        FromJsonText(reader.GetString(10)),
        FromJsonText(reader.GetString(11)));

    private static string KindText(PromptHistoryKind kind) => kind switch
    {
        PromptHistoryKind.Publish => "publish",
        PromptHistoryKind.LabelSet => "label_set",
        PromptHistoryKind.LabelRemove => "label_remove",
        PromptHistoryKind.Rollback => "rollback",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private PromptHistoryKind ParseKind(string kind) => kind switch
    {
        "publish" => PromptHistoryKind.Publish,
        "label_set" => PromptHistoryKind.LabelSet,
        "label_remove" => PromptHistoryKind.LabelRemove,
        "rollback" => PromptHistoryKind.Rollback,
        _ => throw new InvalidOperationException($"{_store} holds a history entry of unknown kind '{kind}'. A newer release wrote it: upgrade LlmOps.Sdk.PostgreSql."),
    };

    private async Task<NpgsqlConnection> OpenAsync(string doing, CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception error) when (StoreErrors.IsDatabaseError(error) && !cancellationToken.IsCancellationRequested)
        {
            throw StoreErrors.Explain(_address, doing, error);
        }
    }

    /// <summary>Writes text as a JSON string literal: PostgreSQL text cannot hold NUL, and a JSON escape can.</summary>
    private static string JsonText(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 2);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private string FromJsonText(string literal)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(literal));
        return reader.Read() && reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new InvalidOperationException($"{_store} holds a history entry whose actor or reason is not a JSON string: it was edited by hand. Restore it as a JSON string literal.");
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<string> Text(string value) => new NpgsqlParameter<string> { TypedValue = value };

    private static NpgsqlParameter<int> Number(int value) => new NpgsqlParameter<int> { TypedValue = value };

    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new NpgsqlParameter<DateTimeOffset> { TypedValue = value.ToUniversalTime() };

    private static NpgsqlParameter<int[]> Numbers(IReadOnlyList<PromptVersionWeight> targets)
    {
        var numbers = new int[targets.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = targets[i].Version;
        }

        return new NpgsqlParameter<int[]> { TypedValue = numbers };
    }

    private static NpgsqlParameter<double[]> Weights(IReadOnlyList<PromptVersionWeight> targets)
    {
        var weights = new double[targets.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = targets[i].Weight;
        }

        return new NpgsqlParameter<double[]> { TypedValue = weights };
    }
}

using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace LlmOps.Sdk.Prompts.PostgreSql;

public sealed partial class PostgreSqlPromptStore
{
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The change's actor or reason holds a NUL character, which PostgreSQL text cannot hold.</exception>
    /// <exception cref="InvalidOperationException">The database cannot be reached or written; the message names the store and the fix.</exception>
    public async ValueTask<PromptPublishResult> PublishAsync(PromptVersion version, PromptChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        CheckChange(change);
        AdminRules.ThrowIfInvalid(version);
        var document = PromptVersionJson.SerializeToString(version);
        await StartAsync(cancellationToken);
        return await WriteAsync($"could not publish prompt '{version.Name}' version {version.Version}", version.Name, async (connection, transaction) =>
        {
            var now = _time.GetUtcNow();
            await ExecuteAsync(connection, transaction, SqlText.PromptInsert, cancellationToken, Text(version.Name), Time(now));
            await LockAsync(connection, transaction, version.Name, cancellationToken);
            (string Hash, string Document)? stored = null;
            await using (var existing = Command(connection, transaction, SqlText.VersionGet, Text(version.Name), Number(version.Version)))
            await using (var reader = await existing.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    stored = (reader.GetString(0), reader.GetString(1));
                }
            }

            if (stored is { } same && same.Hash == version.ContentHash)
            {
                return (new PromptPublishResult(Parse(version.Name, version.Version, same.Hash, same.Document), Created: false), false);
            }

            if (stored is not null)
            {
                var numbers = await VersionNumbersAsync(connection, transaction, version.Name, cancellationToken);
                throw AdminRules.PublishConflict(version, numbers.Max());
            }

            await ExecuteAsync(connection, transaction, SqlText.VersionInsert, cancellationToken,
                Text(version.Name), Number(version.Version), Text(version.ContentHash), Text(document), Time(now));
            await RecordAsync(connection, transaction, now, PromptHistoryKind.Publish, version.Name, version.Version, null, [], [], change, cancellationToken);
            return (new PromptPublishResult(version, Created: true), true);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The name or label is invalid, or the change's actor or reason holds a NUL character.</exception>
    /// <exception cref="InvalidOperationException">The database cannot be reached or written; the message names the store and the fix.</exception>
    public async ValueTask<PromptLabelMove> SetLabelAsync(
        string name,
        string label,
        IReadOnlyList<PromptVersionWeight> targets,
        IReadOnlyList<PromptVersionWeight>? expected,
        PromptChange change,
        CancellationToken cancellationToken = default)
    {
        PromptName.ThrowIfInvalid(name);
        PromptName.ThrowIfInvalid(label, "label");
        ArgumentNullException.ThrowIfNull(targets);
        CheckChange(change);
        AdminRules.ThrowIfBadTargets(name, label, targets);
        PromptVersionWeight[] after = [.. targets];
        await StartAsync(cancellationToken);
        return await WriteAsync($"could not move label '{label}' of prompt '{name}'", name, async (connection, transaction) =>
        {
            var before = await CurrentAsync(connection, transaction, name, label, expected, cancellationToken);
            var numbers = await VersionNumbersAsync(connection, transaction, name, cancellationToken);
            AdminRules.ThrowIfMissingVersions(name, label, after, numbers);
            var now = _time.GetUtcNow();
            await ExecuteAsync(connection, transaction, SqlText.LabelUpsert, cancellationToken,
                Text(name), Text(label), Numbers(after), Weights(after), Time(now));
            await RecordAsync(connection, transaction, now, PromptHistoryKind.LabelSet, name, null, label, before, after, change, cancellationToken);
            return (new PromptLabelMove(name, label, before, after), true);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The name or label is invalid, or the change's actor or reason holds a NUL character.</exception>
    /// <exception cref="InvalidOperationException">The database cannot be reached or written; the message names the store and the fix.</exception>
    public async ValueTask<PromptLabelMove> RemoveLabelAsync(
        string name,
        string label,
        IReadOnlyList<PromptVersionWeight>? expected,
        PromptChange change,
        CancellationToken cancellationToken = default)
    {
        PromptName.ThrowIfInvalid(name);
        PromptName.ThrowIfInvalid(label, "label");
        CheckChange(change);
        await StartAsync(cancellationToken);
        return await WriteAsync($"could not remove label '{label}' of prompt '{name}'", name, async (connection, transaction) =>
        {
            var before = await CurrentAsync(connection, transaction, name, label, expected, cancellationToken);
            if (before.Length == 0)
            {
                throw AdminRules.NoSuchLabel(name, label);
            }

            var now = _time.GetUtcNow();
            await ExecuteAsync(connection, transaction, SqlText.LabelDelete, cancellationToken, Text(name), Text(label));
            await RecordAsync(connection, transaction, now, PromptHistoryKind.LabelRemove, name, null, label, before, [], change, cancellationToken);
            return (new PromptLabelMove(name, label, before, []), true);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The name or label is invalid, or the change's actor or reason holds a NUL character.</exception>
    /// <exception cref="InvalidOperationException">The database cannot be reached or written; the message names the store and the fix.</exception>
    public async ValueTask<PromptLabelMove> RollbackLabelAsync(string name, string label, PromptChange change, CancellationToken cancellationToken = default)
    {
        PromptName.ThrowIfInvalid(name);
        PromptName.ThrowIfInvalid(label, "label");
        CheckChange(change);
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

            var target = AdminRules.RollbackTarget(name, label, before, moves);
            var now = _time.GetUtcNow();
            if (target.Count == 0)
            {
                await ExecuteAsync(connection, transaction, SqlText.LabelDelete, cancellationToken, Text(name), Text(label));
            }
            else
            {
                await ExecuteAsync(connection, transaction, SqlText.LabelUpsert, cancellationToken,
                    Text(name), Text(label), Numbers(target), Weights(target), Time(now));
            }

            await RecordAsync(connection, transaction, now, PromptHistoryKind.Rollback, name, null, label, before, target, change, cancellationToken);
            return (new PromptLabelMove(name, label, before, target), true);
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
            _changes.Fire(); // this process's registries need not wait for the notification's round trip
        }

        return outcome.Result;
    }

    /// <summary>Locks the prompt and reads where the label points, checking it against what the caller expected.</summary>
    private static async Task<PromptVersionWeight[]> CurrentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string label,
        IReadOnlyList<PromptVersionWeight>? expected, CancellationToken cancellationToken)
    {
        if (!await LockAsync(connection, transaction, name, cancellationToken))
        {
            throw AdminRules.NoSuchPrompt(name);
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

        AdminRules.ThrowIfUnexpected(name, label, expected, current);
        return current;
    }

    /// <summary>Locks the prompt's row until the transaction ends; a second writer waits here, then reads what the first wrote.</summary>
    /// <returns>Whether the prompt exists.</returns>
    private static async Task<bool> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, SqlText.PromptLock, Text(name));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
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
            Numbers(before), Weights(before), Numbers(after), Weights(after), Text(change.Actor), Text(change.Reason));
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
        reader.GetString(10),
        reader.GetString(11));

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

    /// <summary>Refuses a NUL character before anything is sent: PostgreSQL text cannot hold one, and the error should name the field.</summary>
    private static void CheckChange(PromptChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ThrowIfNul(change.Actor, "actor");
        ThrowIfNul(change.Reason, "reason");
    }

#pragma warning disable CA2208 // the field is a property of the argument 'change', which is the parameter to name
    private static void ThrowIfNul(string? value, string field)
    {
        ArgumentNullException.ThrowIfNull(value, "change");
        var at = value.IndexOf('\0', StringComparison.Ordinal);
        if (at >= 0)
        {
            throw new ArgumentException(
                $"The change's {field} holds a NUL character (U+0000) at position {at}, which PostgreSQL text cannot store. Remove it from the {field}.",
                "change");
        }
    }
#pragma warning restore CA2208

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

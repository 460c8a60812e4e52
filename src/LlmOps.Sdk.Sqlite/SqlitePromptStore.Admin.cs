using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LlmOps.Sdk.Prompts.Sqlite;

public sealed partial class SqlitePromptStore
{
    /// <inheritdoc/>
    public async ValueTask<PromptPublishResult> PublishAsync(PromptVersion version, PromptChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        PromptChangeRules.ThrowIfInvalid(change);
        PromptChangeRules.ThrowIfInvalid(version, Description);
        var document = PromptVersionJson.SerializeToString(version);
        var result = await WriteAsync($"publish prompt '{version.Name}' version {version.Version}", async (connection, transaction) =>
        {
            var published = await ReadVersionsAsync(connection, transaction, version.Name, cancellationToken);
            foreach (var existing in published)
            {
                if (existing.ContentHash == version.ContentHash)
                {
                    return (new PromptPublishResult(existing, Created: false), false);
                }
            }

            foreach (var existing in published)
            {
                if (existing.Version == version.Version)
                {
                    throw PromptChangeRules.PublishConflict(version, existing.ContentHash, published[^1].Version, Description);
                }
            }

            await ExecuteAsync(connection, transaction, SqliteStatements.VersionInsert, cancellationToken,
                ("$name", version.Name), ("$version", version.Version), ("$content_hash", version.ContentHash),
                ("$document", document), ("$published_at", Now()));
            await RecordAsync(connection, transaction, PromptHistoryKind.Publish, version.Name, version.Version, null, [], [], change, cancellationToken);
            return (new PromptPublishResult(version, Created: true), true);
        }, cancellationToken);
        if (result.Created)
        {
            _versions[(version.Name, version.Version)] = version;
        }

        return result;
    }

    /// <inheritdoc/>
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
        return await WriteAsync($"move label '{label}' of prompt '{name}'", async (connection, transaction) =>
        {
            var versions = await ReadVersionNumbersAsync(connection, transaction, name, cancellationToken);
            var checkedTargets = PromptChangeRules.CheckTargets(name, label, targets, versions.Contains, Description);
            var before = await ReadLabelAsync(connection, transaction, name, label, cancellationToken) ?? [];
            PromptChangeRules.ThrowIfNotExpected(name, label, expected, before, Description);
            return await MoveAsync(connection, transaction, PromptHistoryKind.LabelSet, name, label, before, checkedTargets, change, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<PromptLabelMove> RemoveLabelAsync(
        string name,
        string label,
        IReadOnlyList<PromptVersionWeight>? expected,
        PromptChange change,
        CancellationToken cancellationToken = default)
    {
        PromptChangeRules.ThrowIfInvalidLabel(name, label);
        PromptChangeRules.ThrowIfInvalid(change);
        return await WriteAsync($"remove label '{label}' of prompt '{name}'", async (connection, transaction) =>
        {
            await ReadVersionNumbersAsync(connection, transaction, name, cancellationToken);
            if (await ReadLabelAsync(connection, transaction, name, label, cancellationToken) is not { } before)
            {
                var labels = await ReadLabelsAsync(connection, transaction, name, cancellationToken);
                throw PromptChangeRules.NoLabel(name, label, labels.Keys, Description);
            }

            PromptChangeRules.ThrowIfNotExpected(name, label, expected, before, Description);
            return await MoveAsync(connection, transaction, PromptHistoryKind.LabelRemove, name, label, before, [], change, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<PromptLabelMove> RollbackLabelAsync(string name, string label, PromptChange change, CancellationToken cancellationToken = default)
    {
        PromptChangeRules.ThrowIfInvalidLabel(name, label);
        PromptChangeRules.ThrowIfInvalid(change);
        return await WriteAsync($"roll back label '{label}' of prompt '{name}'", async (connection, transaction) =>
        {
            await ReadVersionNumbersAsync(connection, transaction, name, cancellationToken);
            List<PromptHistoryEntry> latest = [];
            await using (var command = Command(connection, transaction, SqliteStatements.HistoryLatestLabelChange, ("$name", name), ("$label", label)))
            {
                await ReadHistoryAsync(command, latest, cancellationToken);
            }

            var source = PromptChangeRules.RollbackSource(name, label, latest, Description);
            var before = await ReadLabelAsync(connection, transaction, name, label, cancellationToken) ?? [];
            return await MoveAsync(connection, transaction, PromptHistoryKind.Rollback, name, label, before, [.. source.Before], change, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<PromptHistoryEntry> GetHistoryAsync(string name, CancellationToken cancellationToken = default)
    {
        PromptName.ThrowIfInvalid(name);
        return StreamAsync(ct => ReadAsync($"read the history of prompt '{name}'", async connection =>
        {
            List<PromptHistoryEntry> entries = [];
            if (_schemaVersion == 0)
            {
                return entries; // read-only, on a file without the schema
            }

            await using var command = Command(connection, null, SqliteStatements.HistoryRead, ("$name", name));
            await ReadHistoryAsync(command, entries, ct);
            return entries;
        }, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<string> ListPromptsAsync(CancellationToken cancellationToken = default) =>
        StreamAsync(ct => ReadAsync("list its prompts", async connection =>
        {
            List<string> names = [];
            if (_schemaVersion == 0)
            {
                return names; // read-only, on a file without the schema
            }

            await using var command = Command(connection, null, SqliteStatements.PromptsList);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }, ct), cancellationToken);

    /// <summary>Streams what a read returned whole: SQLite errors are turned into ours before the first item.</summary>
    private static async IAsyncEnumerable<T> StreamAsync<T>(
        Func<CancellationToken, Task<List<T>>> read, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in await read(cancellationToken))
        {
            yield return item;
        }
    }

    private async Task<T> ReadAsync<T>(string doing, Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await read(connection);
        }
        catch (SqliteException error)
        {
            throw Failure(error, doing);
        }
    }

    /// <summary>Runs one write in one <c>BEGIN IMMEDIATE</c> transaction, and announces it when it changed something.</summary>
    /// <remarks>
    /// IMMEDIATE takes the file's write lock before the first read, so what the write checks (an expectation, a free
    /// version number) cannot change before it commits, in this process or any other.
    /// </remarks>
    private async Task<T> WriteAsync<T>(
        string doing, Func<SqliteConnection, SqliteTransaction, Task<(T Result, bool Changed)>> write, CancellationToken cancellationToken)
    {
        (T Result, bool Changed) outcome;
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            outcome = await write(connection, transaction);
            if (!outcome.Changed)
            {
                return outcome.Result;
            }

            await ExecuteAsync(connection, transaction, SqliteStatements.ChangeCountBump, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException error)
        {
            throw Failure(error, doing);
        }

        _changes.Fire();
        return outcome.Result;
    }

    private async Task<(PromptLabelMove Move, bool Changed)> MoveAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        PromptHistoryKind kind,
        string name,
        string label,
        IReadOnlyList<PromptVersionWeight> before,
        PromptVersionWeight[] after,
        PromptChange change,
        CancellationToken cancellationToken)
    {
        var move = new PromptLabelMove(name, label, before, after);

        // Pointing a label where it already points changes nothing, so it is not a move a rollback should undo.
        if (PromptChangeRules.SameTargets(before, after))
        {
            return (move, false);
        }

        if (after.Length == 0)
        {
            await ExecuteAsync(connection, transaction, SqliteStatements.LabelDelete, cancellationToken, ("$name", name), ("$label", label));
        }
        else
        {
            await ExecuteAsync(connection, transaction, SqliteStatements.LabelUpsert, cancellationToken,
                ("$name", name), ("$label", label), ("$targets", PromptVersionJson.SerializeTargets(after)));
        }

        await RecordAsync(connection, transaction, kind, name, null, label, before, after, change, cancellationToken);
        return (move, true);
    }

    private async Task RecordAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        PromptHistoryKind kind,
        string name,
        int? version,
        string? label,
        IReadOnlyList<PromptVersionWeight> before,
        IReadOnlyList<PromptVersionWeight> after,
        PromptChange change,
        CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, SqliteStatements.HistoryInsert, cancellationToken,
            ("$at", Now()), ("$kind", KindText(kind)), ("$name", name), ("$version", version), ("$label", label),
            ("$before", PromptVersionJson.SerializeTargets(before)), ("$after", PromptVersionJson.SerializeTargets(after)),
            ("$actor", change.Actor), ("$reason", change.Reason));

    /// <summary>Reads the numbers of a prompt's versions.</summary>
    /// <exception cref="PromptException">The store has no prompt of that name.</exception>
    private async Task<HashSet<int>> ReadVersionNumbersAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        HashSet<int> numbers = [];
        await using var command = Command(connection, transaction, SqliteStatements.VersionHashesRead, ("$name", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers.Add(reader.GetInt32(0));
        }

        return numbers.Count > 0 ? numbers : throw PromptChangeRules.NoPrompt(name, Description);
    }

    private async Task<PromptVersionWeight[]?> ReadLabelAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, string label, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, SqliteStatements.LabelRead, ("$name", name), ("$label", label));
        return await command.ExecuteScalarAsync(cancellationToken) is string targets
            ? PromptVersionJson.DeserializeTargets(targets, LabelOrigin(name, label))
            : null;
    }

    private async Task ReadHistoryAsync(SqliteCommand command, List<PromptHistoryEntry> entries, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(3);
            var origin = $"the history of prompt '{name}' in {Description}";
            entries.Add(new PromptHistoryEntry(
                reader.GetInt64(0),
                DateTimeOffset.ParseExact(reader.GetString(1), "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                ParseKind(reader.GetString(2)),
                name,
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                PromptVersionJson.DeserializeTargets(reader.GetString(6), origin),
                PromptVersionJson.DeserializeTargets(reader.GetString(7), origin),
                reader.GetString(8),
                reader.GetString(9)));
        }
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static string KindText(PromptHistoryKind kind) => kind switch
    {
        PromptHistoryKind.Publish => "publish",
        PromptHistoryKind.LabelSet => "label_set",
        PromptHistoryKind.LabelRemove => "label_remove",
        PromptHistoryKind.Rollback => "rollback",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of history entry."),
    };

    private PromptHistoryKind ParseKind(string kind) => kind switch
    {
        "publish" => PromptHistoryKind.Publish,
        "label_set" => PromptHistoryKind.LabelSet,
        "label_remove" => PromptHistoryKind.LabelRemove,
        "rollback" => PromptHistoryKind.Rollback,
        _ => throw new PromptException($"{Description} holds a history entry of kind '{kind}', which this version of LlmOps.Sdk.Sqlite does not know. Update the package.")
        {
            FilePath = Path,
        },
    };
}

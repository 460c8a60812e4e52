using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace LlmOps.Sdk.Prompts.Sqlite;

/// <summary>A writable prompt store in one SQLite file: the embedded default for prompts shared by the processes of one machine.</summary>
/// <remarks>
/// <para>
/// Thread-safe, and safe across processes. The file is created (unless <see cref="SqlitePromptStoreOptions.CreateIfMissing"/>
/// is off) and its schema created or migrated when the store is created; a file that is not a SQLite database, is
/// damaged, belongs to another application, or has a newer schema than this package knows is refused with a
/// <see cref="PromptException"/> naming the file and the fix. A file that cannot be opened yet (a missing directory, a
/// volume not mounted) is logged and tried again on every read, so a registry can serve its snapshot or last good
/// versions meanwhile.
/// </para>
/// <para>
/// The file runs in WAL mode: reads never wait for a write. Each write is one transaction that starts with
/// <c>BEGIN IMMEDIATE</c>, so two processes that move the same label with the same expectation are serialised, and the
/// second gets a <see cref="PromptConflictException"/>. Every write bumps a change counter, which every store on the file
/// polls each <see cref="SqlitePromptStoreOptions.PollInterval"/> once <see cref="Watch"/> has been called, so a change made
/// by another process reaches a registry within one interval.
/// </para>
/// </remarks>
public sealed partial class SqlitePromptStore : IPromptStore, IPromptAdmin, IDisposable
{
    private const long Unknown = -1;

    private readonly string _connectionString;
    private readonly SqlitePromptStoreOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ChangeSignal _changes = new();
    private readonly Lock _gate = new();

    /// <summary>Versions already read, by name and number: versions are immutable, so a refresh parses only new ones.</summary>
    private readonly ConcurrentDictionary<(string Name, int Version), PromptVersion> _versions = new();

    private ITimer? _poll;
    private long _changeCount = Unknown;
    private int _polling;
    private volatile bool _schemaReady;

    // The schema version the file holds once open; 0 when a read-only store opened a file without the schema.
    private int _schemaVersion;
    private bool _pollFailing;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="SqlitePromptStore"/> class on a file, with the default settings.</summary>
    /// <param name="path">The database file; created when missing.</param>
    /// <exception cref="PromptException">The file is not a prompt database this package can use; the message names it and the fix.</exception>
    public SqlitePromptStore(string path)
        : this(new SqlitePromptStoreOptions { Path = path })
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SqlitePromptStore"/> class, and opens and migrates its file.</summary>
    /// <param name="options">Where the file is and how often to look for changes.</param>
    /// <param name="logger">Where opening, migrations and change polling are logged.</param>
    /// <param name="timeProvider">The clock for change polling and history times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range; the message names it.</exception>
    /// <exception cref="PromptException">The file is not a prompt database this package can use; the message names it and the fix.</exception>
    public SqlitePromptStore(SqlitePromptStoreOptions options, ILogger<SqlitePromptStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        SqlitePromptStoreOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        _logger = logger ?? NullLogger<SqlitePromptStore>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        Path = System.IO.Path.GetFullPath(options.Path!); // the validator refused a missing path
        Description = $"SQLite prompt store '{Path}'";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly
                : options.CreateIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        OpenAtStart();
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Gets how the store names itself in messages: <c>SQLite prompt store '/data/prompts.db'</c>.</summary>
    internal string Description { get; }

    /// <inheritdoc/>
    public async ValueTask<PromptDefinition?> GetPromptAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!PromptName.IsValid(name))
        {
            return null; // no prompt can have that name, so none is stored under it
        }

        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            if (_schemaVersion == 0)
            {
                return null; // read-only, on a file without the schema
            }

            // One read transaction, so that the versions and the labels come from the same moment.
            await using var transaction = connection.BeginTransaction(deferred: true);
            var versions = await ReadVersionsAsync(connection, transaction, name, cancellationToken);
            if (versions.Count == 0)
            {
                return null;
            }

            var labels = await ReadLabelsAsync(connection, transaction, name, cancellationToken);
            try
            {
                return new PromptDefinition(name, versions, labels);
            }
            catch (ArgumentException error)
            {
                throw new PromptException($"{Description} holds prompt '{name}' in a state that cannot be served: {error.Message}", error)
                {
                    PromptName = name,
                    FilePath = Path,
                };
            }
        }
        catch (SqliteException error)
        {
            throw Failure(error, $"read prompt '{name}'");
        }
    }

    /// <inheritdoc/>
    /// <remarks>The first call starts polling the file's change counter every <see cref="SqlitePromptStoreOptions.PollInterval"/>.</remarks>
    public IChangeToken? Watch()
    {
        if (Volatile.Read(ref _poll) is null)
        {
            lock (_gate)
            {
                if (_poll is null && !_disposed)
                {
                    _poll = _time.CreateTimer(static state => ((SqlitePromptStore)state!).Poll(), this, _options.PollInterval, _options.PollInterval);
                }
            }
        }

        return _changes.Watch();
    }

    /// <summary>Stops polling for changes and closes the pooled connections to the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _poll?.Dispose();
        }

        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Opens the file and reads its change counter, for health checks; throws what a read would throw.</summary>
    internal async Task<long> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, SqliteStatements.ChangeCountRead);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        catch (SqliteException error)
        {
            throw Failure(error, "open the database");
        }
    }

    /// <summary>Reads the change counter and fires <see cref="Watch"/> when another connection moved it; runs on the poll timer.</summary>
    /// <remarks>Never throws: it runs on a timer thread, where an exception would end the process.</remarks>
    internal void Poll()
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            return; // the previous poll is still running on a slow disk
        }

        try
        {
            using var connection = Open();
            using var command = Command(connection, null, SqliteStatements.ChangeCountRead);
            var count = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (_pollFailing)
            {
                _pollFailing = false;
                SqliteLog.Recovered(_logger, Path);
            }

            var previous = Interlocked.Exchange(ref _changeCount, count);
            if (previous != count)
            {
                SqliteLog.ChangedElsewhere(_logger, Path, count);
                _changes.Fire();
            }
        }
#pragma warning disable CA1031 // a timer callback must never throw; the failure is logged and the next tick tries again
        catch (Exception error)
#pragma warning restore CA1031
        {
            if (!_pollFailing)
            {
                _pollFailing = true;
                var message = error is SqliteException sqlite ? Failure(sqlite, "check for changes").Message : error.Message;
                SqliteLog.PollFailed(_logger, Path, _options.PollInterval.TotalMilliseconds, message);
            }

            // What changed while the file was unreachable is unknown: announce a change once it can be read again.
            Interlocked.Exchange(ref _changeCount, Unknown);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    private void OpenAtStart()
    {
        try
        {
            using var connection = Open();
        }
        catch (SqliteException error) when (IsUnreachable(error))
        {
            SqliteLog.Unreachable(_logger, Path, Failure(error, "open the database").Message);
        }
        catch (SqliteException error)
        {
            throw Failure(error, "open the database");
        }
    }

    private async ValueTask<List<PromptVersion>> ReadVersionsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        List<PromptVersion> versions = [];
        await using var command = Command(connection, transaction, SqliteStatements.VersionsRead, ("$name", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var number = reader.GetInt32(0);
            var hash = reader.GetString(1);
            if (!_versions.TryGetValue((name, number), out var version) || !string.Equals(version.ContentHash, hash, StringComparison.Ordinal))
            {
                version = PromptVersionJson.Deserialize(reader.GetString(2), Description);
                if (version.Name != name || version.Version != number || version.ContentHash != hash)
                {
                    throw PromptVersionJson.Invalid(Description, name, number,
                        $"its row says prompt '{name}' version {number} with hash {hash}, and its document says prompt '{version.Name}' version {version.Version} with hash {version.ContentHash}");
                }

                _versions[(name, number)] = version;
            }

            versions.Add(version);
        }

        return versions;
    }

    private async ValueTask<Dictionary<string, IReadOnlyList<PromptVersionWeight>>> ReadLabelsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        Dictionary<string, IReadOnlyList<PromptVersionWeight>> labels = new(StringComparer.Ordinal);
        await using var command = Command(connection, transaction, SqliteStatements.LabelsRead, ("$name", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var label = reader.GetString(0);
            labels[label] = PromptVersionJson.DeserializeTargets(reader.GetString(1), LabelOrigin(name, label));
        }

        return labels;
    }

    private string LabelOrigin(string name, string label) => $"label '{label}' of prompt '{name}' in {Description}";

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!_schemaReady)
            {
                EnsureSchema(connection);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            if (!_schemaReady)
            {
                EnsureSchema(connection);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // the text is one of our embedded .sql files; every value goes in as a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static bool IsUnreachable(SqliteException error) =>
        error.SqliteErrorCode is SqliteConstants.CannotOpen or 10 /* IOERR */ or 3 /* PERM */ or 23 /* AUTH */;

    /// <summary>Turns SQLite's error into ours, naming the store and saying how to fix it.</summary>
    private PromptException Failure(SqliteException error, string doing)
    {
        var problem = error.SqliteErrorCode switch
        {
            SqliteConstants.NotADatabase =>
                "the file is not a SQLite database, or it is encrypted. Point LlmOps:Prompts:Sqlite:Path at a prompt database, or at a new file to create one",
            SqliteConstants.Corrupt =>
                $"the database file is damaged ({error.Message}). Restore it from a backup, or recover what it holds with the sqlite3 tool's .recover command",
            SqliteConstants.CannotOpen =>
                $"the file cannot be opened ({error.Message}). Check that the directory '{System.IO.Path.GetDirectoryName(Path)}' exists and that this process may read and write it" +
                (_options.CreateIfMissing ? string.Empty : ", and that the file exists (CreateIfMissing is off)"),
            5 /* BUSY */ or 6 /* LOCKED */ => string.Create(CultureInfo.InvariantCulture,
                $"another connection kept the database locked for longer than the busy timeout ({_options.BusyTimeout.TotalSeconds:0.#} s). Retry, or raise LlmOps:Prompts:Sqlite:BusyTimeout"),
            8 /* READONLY */ => $"the file is read-only ({error.Message}). Let this process write it",
            13 /* FULL */ => $"the disk is full ({error.Message}). Free some space",
            _ => $"{error.Message}",
        };
        return new PromptException($"{Description} cannot {doing}: {problem}.", error) { FilePath = Path };
    }
}

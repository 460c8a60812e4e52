using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>A prompt store on PostgreSQL, shared by a fleet: every instance serves a change as soon as it is written.</summary>
/// <remarks>
/// <para>
/// Thread-safe. The store creates or upgrades its tables (schema <c>llmops</c>) when it starts, and refuses a schema
/// newer than it knows. It starts on <see cref="StartAsync"/> (the host calls it when the store comes from
/// <c>AddPromptsFromPostgreSql</c>) or on first use.
/// </para>
/// <para>
/// Every write runs in one transaction and announces itself with NOTIFY; each store LISTENs on its own connection and
/// fires <see cref="Watch"/>, so registries read the change at once. A lost connection is reopened with backoff, and
/// then everything is read again, since announcements made while it was down are lost.
/// </para>
/// <para>Every value is sent as a parameter; the SQL is fixed text shipped in the assembly.</para>
/// </remarks>
public sealed partial class PostgreSqlPromptStore : IPromptStore, IPromptAdmin, IPromptChangeNotifier, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlPromptStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StoreAddress _address;
    private readonly string _store;
    private readonly ChangeSignal _changes = new();
    private readonly ChangeListener? _listener;

    // Published versions never change, so a version read again after a change is the same object, parsed once.
    private readonly ConcurrentDictionary<(string Name, int Version), PromptVersion> _parsed = new();
    private readonly Lock _startGate = new();
    private Task? _start;

    // The schema version found at start; 0 when a read-only store found none and serves an empty store.
    private int _schemaVersion;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlPromptStore"/> class on a connection string; the store owns its connections.</summary>
    /// <param name="connectionString">The Npgsql connection string, such as <c>Host=db;Database=app;Username=llmops_reader;Password=…</c>.</param>
    /// <param name="options">Migration and listening settings; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for history times and reconnect delays; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where migrations, listener losses and writes are logged.</param>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is not a valid Npgsql connection string.</exception>
    public PostgreSqlPromptStore(
        string connectionString,
        PostgreSqlPromptStoreOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<PostgreSqlPromptStore>? logger = null)
        : this(CreateDataSource(connectionString), ownsDataSource: true, options, timeProvider, logger)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlPromptStore"/> class on a data source that the caller owns.</summary>
    /// <param name="dataSource">The data source, such as the host's registered one; it is not disposed with the store.</param>
    /// <param name="options">Migration and listening settings; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for history times and reconnect delays; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where migrations, listener losses and writes are logged.</param>
    public PostgreSqlPromptStore(
        NpgsqlDataSource dataSource,
        PostgreSqlPromptStoreOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<PostgreSqlPromptStore>? logger = null)
        : this(dataSource, ownsDataSource: false, options, timeProvider, logger)
    {
    }

    private PostgreSqlPromptStore(
        NpgsqlDataSource dataSource, bool ownsDataSource, PostgreSqlPromptStoreOptions? options, TimeProvider? timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new PostgreSqlPromptStoreOptions();
        PostgreSqlPromptStoreOptionsValidator.ThrowIfInvalid(options);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _address = StoreAddress.From(dataSource);
        _store = _address.ToString();
        if (options.ListenForChanges)
        {
            _listener = new ChangeListener(dataSource, _store, options, _time, _logger, OnChanged);
        }
    }

    /// <summary>Gets the listener, for tests that wait for it to reconnect; <see langword="null"/> when not listening.</summary>
    internal ChangeListener? Listener => _listener;

    /// <summary>Checks the database and migrates its schema, then starts listening for changes.</summary>
    /// <remarks>Safe to call more than once and from several threads; a failed start is tried again by the next call.</remarks>
    /// <param name="cancellationToken">Stops waiting for the start; the start itself goes on for other callers.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="InvalidOperationException">
    /// The database cannot be reached or refuses the user, or its schema is newer than this code or older with migration
    /// off; the message names the store (host, port, database) and the fix.
    /// </exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        Task start;
        lock (_startGate)
        {
            if (_start is null || _start.IsFaulted || _start.IsCanceled)
            {
                _start = StartCoreAsync();
            }

            start = _start;
        }

        return start.IsCompletedSuccessfully ? start : start.WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The database cannot be reached or read; the message names the store and the fix.</exception>
    public async ValueTask<PromptDefinition?> GetPromptAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!PromptName.IsValid(name))
        {
            return null; // no prompt could ever have been published under it
        }

        await StartAsync(cancellationToken);
        if (_schemaVersion == 0)
        {
            return null; // a read-only store on a database without the schema: nothing was ever published here
        }

        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(Command(SqlText.PromptVersions, name));
            batch.BatchCommands.Add(Command(SqlText.PromptLabels, name));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            List<PromptVersion> versions = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(Parse(name, reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
            }

            await reader.NextResultAsync(cancellationToken);
            Dictionary<string, IReadOnlyList<PromptVersionWeight>> labels = new(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                labels[reader.GetString(0)] = Targets(reader.GetFieldValue<int[]>(1), reader.GetFieldValue<double[]>(2));
            }

            return versions.Count == 0 ? null : new PromptDefinition(name, versions, labels);
        }
        catch (Exception error) when (StoreErrors.IsDatabaseError(error) && !cancellationToken.IsCancellationRequested)
        {
            throw StoreErrors.Explain(_address, $"could not read prompt '{name}'", error);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Fires on every change written by any instance, and after the listener reconnects, when anything may have changed.</remarks>
    public IChangeToken? Watch() => _changes.Watch();

    /// <inheritdoc/>
    IDisposable IPromptChangeNotifier.OnPromptChanged(Action<string?> changed) => _changes.Subscribe(changed);

    /// <inheritdoc/>
    public override string ToString() => _store;

    /// <summary>Stops listening and, when the store created it, closes its data source.</summary>
    /// <returns>A task that completes when the listener has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }

    /// <summary>Stops listening and, when the store created it, closes its data source.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Starts the store if needed, then asks the database for its schema version, for health checks.</summary>
    /// <exception cref="InvalidOperationException">The database cannot be reached or read; the message names the store and the fix.</exception>
    internal async Task CheckReachableAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(SqlText.SchemaVersion, connection);
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception error) when (StoreErrors.IsDatabaseError(error) && !cancellationToken.IsCancellationRequested)
        {
            throw StoreErrors.Explain(_address, "does not answer", error);
        }
    }

    /// <summary>Starts the store if needed, then says whether the database holds its schema; only a read-only store starts without it.</summary>
    /// <exception cref="InvalidOperationException">The database cannot be reached or read; the message names the store and the fix.</exception>
    internal async Task<bool> HasSchemaAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        return _schemaVersion > 0;
    }

    private async Task StartCoreAsync()
    {
        try
        {
            // Read-only: a dry run or a reading command must leave the database as it was, and may run as a reader login.
            _schemaVersion = _options.ReadOnly
                ? await SchemaMigrator.ReadAsync(_dataSource, _address, CancellationToken.None)
                : await SchemaMigrator.EnsureAsync(_dataSource, _options.MigrateOnStart, _address, _logger, CancellationToken.None);
        }
        catch (Exception error) when (StoreErrors.IsDatabaseError(error))
        {
            throw StoreErrors.Explain(_address, "could not start", error);
        }

        _listener?.Start();
    }

    // The NOTIFY payload names the prompt, so a registry reads again only that one; null (a reconnect) means everything.
    private void OnChanged(string? promptName) => _changes.Fire(promptName);

    private PromptVersion Parse(string name, int number, string contentHash, string document)
    {
        if (_parsed.TryGetValue((name, number), out var known) && known.ContentHash == contentHash)
        {
            return known;
        }

        var version = PromptVersionJson.Deserialize(document, $"{_store}, prompt '{name}' version {number}");
        _parsed[(name, number)] = version;
        return version;
    }

    /// <summary>Refuses a write on a store opened read-only, before anything reaches the database.</summary>
    /// <exception cref="InvalidOperationException">The store was opened read-only.</exception>
    private void ThrowIfReadOnly(string doing)
    {
        if (_options.ReadOnly)
        {
            throw new InvalidOperationException(
                $"{_store} {doing}: the store was opened read-only (a dry run or a reading command). Run the command without --dry-run to write.");
        }
    }

    private static PromptVersionWeight[] Targets(int[] versions, double[] weights)
    {
        var targets = new PromptVersionWeight[versions.Length];
        for (var i = 0; i < versions.Length; i++)
        {
            targets[i] = new PromptVersionWeight(versions[i], i < weights.Length ? weights[i] : 1);
        }

        return targets;
    }

    private static NpgsqlBatchCommand Command(string sql, string name)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return command;
    }

    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException error)
        {
            // Npgsql's message names the bad keyword, never a value, so it cannot leak the password.
            throw new ArgumentException($"The PostgreSQL prompt store's connection string is not valid: {error.Message} See https://www.npgsql.org/doc/connection-string-parameters.html.", nameof(connectionString), error);
        }
    }
}

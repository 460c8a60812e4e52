using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.PostgreSql;
using LlmOps.Sdk.Prompts.Sqlite;
using Npgsql;

namespace LlmOps.Cli.Prompts;

/// <summary>Opens the prompt store a command names: a SQLite file, or a PostgreSQL connection string or URL.</summary>
/// <remarks>The connection comes from <c>--store</c> or <c>LLMOPS_STORE</c>; it is described by host and database only, never echoed with its password.</remarks>
internal sealed class PromptStoreConnection : IAsyncDisposable
{
    public const string EnvironmentVariable = "LLMOPS_STORE";

    private readonly IAsyncDisposable? _asyncOwner;
    private readonly IDisposable? _owner;

    private PromptStoreConnection(IPromptStore store, IPromptAdmin admin, string description, IDisposable? owner, IAsyncDisposable? asyncOwner)
    {
        Store = store;
        Admin = admin;
        Description = description;
        _owner = owner;
        _asyncOwner = asyncOwner;
    }

    public IPromptStore Store { get; }

    public IPromptAdmin Admin { get; }

    /// <summary>Gets what the store is, for messages: a file path, or PostgreSQL's host and database, without credentials.</summary>
    public string Description { get; }

    /// <summary>Opens the store; for <see cref="PromptStoreAccess.Read"/> and <see cref="PromptStoreAccess.Plan"/>, read-only, so that nothing is written.</summary>
    /// <exception cref="CliInputException">No connection is given, or it cannot be understood, or the SQLite file a command needs is missing.</exception>
    public static async Task<PromptStoreConnection> OpenAsync(string? option, CliHost host, PromptStoreAccess access, CancellationToken cancellationToken)
    {
        var connection = option ?? host.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new CliInputException($"No prompt store given. Pass --store <file.db | Host=…;Database=… | postgres://…>, or set {EnvironmentVariable}.");
        }

        var readOnly = access is PromptStoreAccess.Read or PromptStoreAccess.Plan;
        if (IsPostgreSql(connection))
        {
            var builder = ToNpgsql(connection);
            var options = new PostgreSqlPromptStoreOptions { ListenForChanges = false, ReadOnly = readOnly };
            var postgres = new PostgreSqlPromptStore(builder.ConnectionString, options, host.TimeProvider);
            var description = $"PostgreSQL {builder.Host}/{builder.Database}";
            if (readOnly)
            {
                description = await DescribeSchemaAsync(postgres, description, host, access, cancellationToken);
            }
            else
            {
                await StartWritableAsync(postgres, cancellationToken);
            }

            return new PromptStoreConnection(postgres, postgres, description, null, postgres);
        }

        var path = Path.GetFullPath(connection);
        if (access == PromptStoreAccess.Plan && !File.Exists(path))
        {
            // A dry run plans against the empty store that a real push would create, and creates nothing.
            var empty = new InMemoryPromptStore();
            return new PromptStoreConnection(empty, empty, $"SQLite {path} (not created yet)", null, null);
        }

        if (access != PromptStoreAccess.Publish && !File.Exists(path))
        {
            throw new CliInputException($"The prompt store '{path}' does not exist. Check the path, or create it with 'llmops prompts push'.");
        }

        // Read-only, an existing file is neither migrated nor switched to WAL: it stays byte for byte as it was.
        var sqlite = new SqlitePromptStore(new SqlitePromptStoreOptions { Path = path, ReadOnly = readOnly }, timeProvider: host.TimeProvider);
        return new PromptStoreConnection(sqlite, sqlite, $"SQLite {path}", sqlite, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_asyncOwner is not null)
        {
            await _asyncOwner.DisposeAsync();
        }

        _owner?.Dispose();
    }

    /// <summary>Starts a store a command writes to, migrating its schema first, so that a schema newer than this build stops the command before it writes.</summary>
    private static async Task StartWritableAsync(PostgreSqlPromptStore postgres, CancellationToken cancellationToken) =>
        await FirstContactAsync(postgres, async () =>
        {
            await postgres.StartAsync(cancellationToken);
            return true; // nothing to read: started is the answer
        });

    /// <summary>Runs the first request to the server; on any failure the store is closed, and a schema newer than this build is bad input.</summary>
    private static async Task<T> FirstContactAsync<T>(PostgreSqlPromptStore postgres, Func<Task<T>> contact)
    {
        try
        {
            return await contact();
        }
        catch (InvalidOperationException error) when (error.InnerException is null)
        {
            // The schema is newer than this build: the message names both versions and the upgrade, so it is one line, exit 2.
            await postgres.DisposeAsync();
            throw new CliInputException(error.Message, error);
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a read-only store, and says so when the database has no schema yet: it is then read as empty.</summary>
    private static async Task<string> DescribeSchemaAsync(
        PostgreSqlPromptStore postgres, string description, CliHost host, PromptStoreAccess access, CancellationToken cancellationToken)
    {
        var hasSchema = await FirstContactAsync(postgres, () => postgres.HasSchemaAsync(cancellationToken));
        if (hasSchema)
        {
            return description;
        }

        if (access == PromptStoreAccess.Read)
        {
            // Empty, not an error: like a new store, it holds no prompts. The note tells a wrong database from an unpushed one.
            await host.Error.WriteLineAsync(
                $"note: {description} has no llmops schema, so it holds no prompts. Check the database name, or create the store with 'llmops prompts push' (without --dry-run) as a role that may create tables.");
        }

        return $"{description} (no llmops schema yet)";
    }

    private static bool IsPostgreSql(string connection) =>
        connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || connection.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder ToNpgsql(string connection)
    {
        try
        {
            if (!connection.Contains("://", StringComparison.Ordinal))
            {
                return new NpgsqlConnectionStringBuilder(connection);
            }

            // Npgsql reads key=value strings only: a URL (postgres://user:password@host:port/database) is translated.
            var url = new Uri(connection);
            var user = Uri.UnescapeDataString(url.UserInfo.Split(':', 2)[0]);
            var password = url.UserInfo.Contains(':', StringComparison.Ordinal) ? Uri.UnescapeDataString(url.UserInfo.Split(':', 2)[1]) : null;
            return new NpgsqlConnectionStringBuilder
            {
                Host = url.Host,
                Port = url.IsDefaultPort || url.Port < 0 ? 5432 : url.Port,
                Database = url.AbsolutePath.Trim('/') is { Length: > 0 } database ? Uri.UnescapeDataString(database) : null,
                Username = user.Length > 0 ? user : null,
                Password = password,
            };
        }
        catch (Exception error) when (error is ArgumentException or UriFormatException or KeyNotFoundException)
        {
            // Npgsql's message may quote the string, password included: say what is wrong without it.
            throw new CliInputException("The PostgreSQL connection is neither a valid connection string (Host=…;Database=…;Username=…) nor a postgres:// URL. Fix --store or LLMOPS_STORE.", error);
        }
    }
}

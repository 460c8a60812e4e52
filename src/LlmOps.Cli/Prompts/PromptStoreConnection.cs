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

    /// <exception cref="CliInputException">No connection is given, or it cannot be understood.</exception>
    public static PromptStoreConnection Open(string? option, CliHost host, bool createIfMissing, bool emptyIfMissing = false)
    {
        var connection = option ?? host.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new CliInputException($"No prompt store given. Pass --store <file.db | Host=…;Database=… | postgres://…>, or set {EnvironmentVariable}.");
        }

        if (IsPostgreSql(connection))
        {
            var builder = ToNpgsql(connection);
            var postgres = new PostgreSqlPromptStore(builder.ConnectionString, new PostgreSqlPromptStoreOptions { ListenForChanges = false }, host.TimeProvider);
            return new PromptStoreConnection(postgres, postgres, $"PostgreSQL {builder.Host}/{builder.Database}", null, postgres);
        }

        var path = Path.GetFullPath(connection);
        if (emptyIfMissing && !File.Exists(path))
        {
            // A dry run plans against the empty store that a real push would create, and creates nothing.
            var empty = new InMemoryPromptStore();
            return new PromptStoreConnection(empty, empty, $"SQLite {path} (not created yet)", null, null);
        }

        if (!createIfMissing && !File.Exists(path))
        {
            throw new CliInputException($"The prompt store '{path}' does not exist. Check the path, or create it with 'llmops prompts push'.");
        }

        var sqlite = new SqlitePromptStore(new SqlitePromptStoreOptions { Path = path }, timeProvider: host.TimeProvider);
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

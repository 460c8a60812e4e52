using System.Globalization;
using Npgsql;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>Where a store lives, for messages: host, port, database and user, never the password.</summary>
internal sealed record StoreAddress(string Host, int Port, string Database, string Username)
{
    public static StoreAddress From(NpgsqlDataSource dataSource)
    {
        // The data source's connection string leaves out the password unless Persist Security Info is on: parse it anyway.
        var parsed = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var user = parsed.Username ?? Environment.UserName;
        return new StoreAddress(
            parsed.Host ?? "localhost",
            parsed.Port,
            parsed.Database ?? user, // PostgreSQL's own default
            user);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PostgreSQL prompt store {Host}:{Port}/{Database}");
}

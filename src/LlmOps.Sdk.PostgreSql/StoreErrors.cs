using System.Net.Sockets;
using Npgsql;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>Turns what Npgsql throws into one sentence that names the store and says how to fix it.</summary>
internal static class StoreErrors
{
    /// <summary>Whether an error comes from the database or the way to it, rather than from our own code.</summary>
    public static bool IsDatabaseError(Exception error) => error is NpgsqlException or SocketException or TimeoutException;

    /// <summary>Explains a failed database call.</summary>
    /// <param name="address">The store.</param>
    /// <param name="doing">What the store was doing, such as "could not start" or "could not read prompt 'greet'".</param>
    /// <param name="error">What Npgsql threw.</param>
    public static InvalidOperationException Explain(StoreAddress address, string doing, Exception error)
    {
        var fix = error switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                $"the server refused the password of user '{address.Username}'. Check Username and Password in the connection string.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                $"the server does not let user '{address.Username}' sign in ({((PostgresException)error).MessageText}). Check Username, or the server's pg_hba.conf.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"database '{address.Database}' does not exist. Create it (CREATE DATABASE), or fix Database in the connection string.",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } =>
                $"user '{address.Username}' lacks a privilege ({((PostgresException)error).MessageText}). Grant the reader or writer role shown in the LlmOps.Sdk.PostgreSql README.",
            PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } =>
                "the store's tables do not exist. Start a store with MigrateOnStart on, as a user that may create them (the writer role).",
            PostgresException postgres => $"the server said: {postgres.MessageText} (SQLSTATE {postgres.SqlState}).",
            _ when Find<SocketException>(error) is { } socket =>
                $"the server cannot be reached ({socket.Message}). Check that PostgreSQL runs, and Host and Port in the connection string.",
            _ when Find<TimeoutException>(error) is not null =>
                "the server did not answer in time. Check that PostgreSQL runs and is reachable, or raise Timeout in the connection string.",
            _ => $"{error.Message} Check that PostgreSQL runs and that the connection string is right.",
        };
        return new InvalidOperationException($"{address} {doing}: {fix}", error);
    }

    private static T? Find<T>(Exception? error)
        where T : Exception
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is T found)
            {
                return found;
            }
        }

        return null;
    }
}

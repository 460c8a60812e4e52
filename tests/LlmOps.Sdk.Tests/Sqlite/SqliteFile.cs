using Microsoft.Data.Sqlite;

namespace LlmOps.Sdk.Tests.Sqlite;

/// <summary>A fresh directory for one test's database files, deleted with everything in it afterwards.</summary>
internal sealed class SqliteFile : IDisposable
{
    public SqliteFile()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "llmops-sqlite-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "prompts.db");
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>Runs SQL on the file through a connection of its own, as another program would.</summary>
    public object? Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere in the test run; the temp folder is cleaned by the system.
        }
    }
}

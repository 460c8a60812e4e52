using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LlmOps.Sdk.Tests.PostgreSql;

/// <summary>A PostgreSQL server started from the installed binaries in a temporary folder, on a free port of 127.0.0.1.</summary>
/// <remarks>
/// Shared by the tests and the benchmarks (linked there). PostgreSQL refuses to run as root, so under root the server
/// runs as the <c>postgres</c> user that Debian's package creates. The superuser <c>postgres</c> signs in with a password
/// over TCP, so a wrong password is refused as it would be in production.
/// </remarks>
internal sealed class PostgreSqlServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";

    private readonly string _binaries;
    private readonly string _dataDirectory;
    private readonly bool _asServiceUser;

    private PostgreSqlServer(string binaries, string dataDirectory, int port, bool asServiceUser)
    {
        _binaries = binaries;
        _dataDirectory = dataDirectory;
        Port = port;
        _asServiceUser = asServiceUser;
    }

    /// <summary>Gets the superuser's password, fresh for each server.</summary>
    public string Password { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Gets the TCP port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Gets whether the server was last started and not stopped since.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>Finds the folder that holds <c>initdb</c> and <c>pg_ctl</c>: on PATH, else the newest under /usr/lib/postgresql.</summary>
    /// <returns>The folder, or <see langword="null"/> when PostgreSQL is not installed.</returns>
    public static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(static folder => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        const string Installed = "/usr/lib/postgresql";
        return Directory.Exists(Installed)
            ? Directory.EnumerateDirectories(Installed).Select(static v => Path.Combine(v, "bin"))
                .Where(static bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(static bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
    }

    /// <summary>Creates a cluster in a temporary folder and starts it.</summary>
    /// <param name="binaries">The folder of <c>initdb</c> and <c>pg_ctl</c>, from <see cref="FindBinaries"/>.</param>
    /// <returns>The running server.</returns>
    public static async Task<PostgreSqlServer> StartAsync(string binaries)
    {
        var asServiceUser = Environment.UserName == "root";
        var dataDirectory = Directory.CreateTempSubdirectory("llmops-pg-").FullName;
        var server = new PostgreSqlServer(binaries, dataDirectory, FreePort(), asServiceUser);
        try
        {
            var passwordFile = Path.Combine(dataDirectory, "password");
            var cluster = Path.Combine(dataDirectory, "cluster");
            await File.WriteAllTextAsync(passwordFile, server.Password);
            if (asServiceUser)
            {
                await RunAsync("chown", ["-R", ServiceUser, dataDirectory], asServiceUser: false);
            }

            await server.RunAsync(Path.Combine(binaries, "initdb"),
                ["-D", cluster, "-U", "postgres", "--pwfile", passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync"]);
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Gets a connection string for a database of this server, as the superuser.</summary>
    /// <param name="database">The database.</param>
    /// <returns>The connection string.</returns>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Password={Password};Timeout=5;Command Timeout=10";

    /// <summary>Creates an empty database with a fresh name.</summary>
    /// <returns>A connection string to it, as the superuser.</returns>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"llmops_{Guid.NewGuid():N}";
        await ExecuteAsync(ConnectionString(), $"CREATE DATABASE {name}"); // a generated identifier: nothing to escape
        return ConnectionString(name);
    }

    /// <summary>Runs SQL statements on a database, for setting up what a test needs.</summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="sql">The statements.</param>
    /// <returns>A task that completes when they ran.</returns>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server as a crash would: no checkpoint, every connection cut.</summary>
    /// <returns>A task that completes when the server is down.</returns>
    public async Task StopImmediatelyAsync()
    {
        await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["stop", "-D", Path.Combine(_dataDirectory, "cluster"), "-m", "immediate", "-w"]);
        IsRunning = false;
    }

    /// <summary>Starts the server again after a stop, on the same port.</summary>
    /// <returns>A task that completes when it accepts connections.</returns>
    public Task RestartAsync() => StartServerAsync();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            try
            {
                await StopImmediatelyAsync();
            }
            catch (InvalidOperationException)
            {
                // Already down: the folder is removed all the same.
            }
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the server is stopped.
        }
    }

    private async Task StartServerAsync()
    {
        var cluster = Path.Combine(_dataDirectory, "cluster");
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_dataDirectory} -c fsync=off -c max_connections=300";
        await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["start", "-D", cluster, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60", "-o", options]);
        IsRunning = true;
    }

    private Task RunAsync(string program, IReadOnlyList<string> arguments) => RunAsync(program, arguments, _asServiceUser);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServiceUser)
    {
        var start = new ProcessStartInfo(asServiceUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServiceUser)
        {
            foreach (var argument in (string[])["-u", ServiceUser, "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error} {await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

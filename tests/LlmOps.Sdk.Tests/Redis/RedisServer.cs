using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LlmOps.Sdk.Tests.Redis;

/// <summary>A Redis server started from the installed <c>redis-server</c> on a free port of 127.0.0.1, in memory only.</summary>
/// <remarks>Shared by the tests and the benchmarks (link it there). Nothing is saved to disk; stopping it loses every key.</remarks>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>Gets the TCP port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Gets the StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=5000";

    /// <summary>Finds <c>redis-server</c> on PATH or in /usr/bin and /usr/sbin.</summary>
    /// <returns>Its path, or <see langword="null"/> when Redis is not installed.</returns>
    public static string? FindBinary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(static folder => Path.Combine(folder, "redis-server"))
            .FirstOrDefault(File.Exists);

    /// <summary>Starts a server and waits until it accepts connections.</summary>
    /// <param name="binary">The path of <c>redis-server</c>, from <see cref="FindBinary"/>.</param>
    /// <returns>The running server.</returns>
    public static async Task<RedisServer> StartAsync(string binary)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "notice"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        var server = new RedisServer(process, port);
        try
        {
            // Redis prints this line once it listens: no polling, no sleep.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var log = new System.Text.StringBuilder();
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                log.AppendLine(line);
                if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
                {
                    _ = DrainAsync(process.StandardOutput); // a full pipe would block the server
                    _ = DrainAsync(process.StandardError);
                    return server;
                }
            }

            throw new InvalidOperationException($"redis-server exited before it was ready: {log} {await process.StandardError.ReadToEndAsync()}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is not null)
            {
            }
        }
        catch (IOException)
        {
            // The server was stopped.
        }
        catch (ObjectDisposedException)
        {
            // The server was stopped.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

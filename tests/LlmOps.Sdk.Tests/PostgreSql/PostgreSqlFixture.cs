namespace LlmOps.Sdk.Tests.PostgreSql;

/// <summary>One PostgreSQL server for the tests of the <see cref="SharedPostgreSqlServer"/>, started once and stopped at the end.</summary>
/// <remarks>
/// Without the binaries, the tests skip themselves with the reason; under <c>CI=true</c> they fail instead, so that CI
/// can never pass by skipping.
/// </remarks>
public sealed class PostgreSqlFixture : IAsyncLifetime
{
    private string? _unavailable;
    private PostgreSqlServer? _server;

    internal PostgreSqlServer Server
    {
        get
        {
            SkipIfUnavailable(_unavailable);
            return _server!; // set whenever _unavailable is null
        }
    }

    /// <summary>Starts a server of its own, for a test that stops it.</summary>
    internal static async Task<PostgreSqlServer> StartOwnServerAsync()
    {
        var binaries = PostgreSqlServer.FindBinaries();
        SkipIfUnavailable(binaries is null ? MissingBinaries : null);
        return await PostgreSqlServer.StartAsync(binaries!); // checked just above
    }

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        var binaries = PostgreSqlServer.FindBinaries();
        if (binaries is null)
        {
            _unavailable = MissingBinaries;
            return;
        }

        _server = await PostgreSqlServer.StartAsync(binaries);
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private const string MissingBinaries =
        "PostgreSQL is not installed (no initdb and pg_ctl on PATH or under /usr/lib/postgresql/*/bin): run 'apt-get install -y postgresql', or .ci/run, which installs it.";

    private static void SkipIfUnavailable(string? reason)
    {
        if (reason is null)
        {
            return;
        }

        // CI must never pass by skipping: .ci/run installs PostgreSQL first.
        Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), $"{reason} (CI=true)");
        Skip.If(true, reason);
    }
}

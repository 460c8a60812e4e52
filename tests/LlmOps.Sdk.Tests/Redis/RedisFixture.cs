namespace LlmOps.Sdk.Tests.Redis;

/// <summary>One Redis server for the tests of the <see cref="SharedRedisServer"/> collection, started once and stopped at the end.</summary>
/// <remarks>
/// Without <c>redis-server</c>, the tests skip themselves with the reason; under <c>CI=true</c> they fail instead, so that
/// CI can never pass by skipping.
/// </remarks>
public sealed class RedisFixture : IAsyncLifetime
{
    private const string MissingBinary =
        "Redis is not installed (no redis-server on PATH): run 'apt-get install -y redis-server', or .ci/run, which installs it.";

    private string? _unavailable;
    private RedisServer? _server;

    internal RedisServer Server
    {
        get
        {
            SkipIfUnavailable(_unavailable);
            return _server!; // set whenever _unavailable is null
        }
    }

    /// <summary>Starts a server of its own, for a test that stops it.</summary>
    internal static async Task<RedisServer> StartOwnServerAsync()
    {
        var binary = RedisServer.FindBinary();
        SkipIfUnavailable(binary is null ? MissingBinary : null);
        return await RedisServer.StartAsync(binary!); // checked just above
    }

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        var binary = RedisServer.FindBinary();
        if (binary is null)
        {
            _unavailable = MissingBinary;
            return;
        }

        _server = await RedisServer.StartAsync(binary);
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static void SkipIfUnavailable(string? reason)
    {
        if (reason is null)
        {
            return;
        }

        // CI must never pass by skipping: .ci/run installs Redis first.
        Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), $"{reason} (CI=true)");
        Skip.If(true, reason);
    }
}

using System.Collections.Concurrent;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.Time.Testing;
using static LlmOps.Sdk.Tests.PostgreSql.PostgreSqlTestPrompts;

namespace LlmOps.Sdk.Tests.PostgreSql;

/// <summary>The database stopped under traffic, as a crash stops it, and started again.</summary>
/// <remarks>
/// The registry's cache ages and the listener's reconnect delay run on fake clocks, so the test decides when the cache
/// expires and when the listener tries again; the outage, the restart and the connections are real.
/// </remarks>
[Collection(SharedPostgreSqlServer.Name)]
public sealed class PostgreSqlFaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task ResolveAsync_DatabaseStoppedMidTraffic_ServesEveryCallThenTheMoveMadeDuringTheOutage()
    {
        await using var server = await PostgreSqlFixture.StartOwnServerAsync();
        var database = await server.CreateDatabaseAsync();
        await using (var setup = Store(database, listen: false))
        {
            await SeedAsync(setup, "greet");
        }

        var listenerClock = new FakeTimeProvider();
        var cacheClock = new FakeTimeProvider();
        await using var store = Store(database, listenerClock);
        using var registry = new PromptRegistry([store], new PromptOptions { CacheDuration = TimeSpan.FromMinutes(1) }, timeProvider: cacheClock);
        await store.StartAsync();
        await store.Listener!.WaitForConnectionAsync(0, CancellationToken.None).WaitAsync(Bound);
        var reference = new PromptReference("greet", Label: "production");
        Assert.Equal(PromptResolutionState.Fresh, (await registry.ResolveAsync(reference)).State);

        var states = new ConcurrentQueue<(PromptResolutionState State, int Version)>();
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var resolution = await registry.ResolveAsync(reference);
                    states.Enqueue((resolution.State, resolution.Prompt.Version));
                }
                catch (PromptException error)
                {
                    failures.Enqueue(error);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System); // paces the calls; no timing depends on it
            }
        });

        // The crash: every connection cut, the listener among them.
        var losses = store.Listener.Losses;
        await server.StopImmediatelyAsync();
        await store.Listener.WaitForLossAsync(losses, CancellationToken.None).WaitAsync(Bound);
        cacheClock.Advance(TimeSpan.FromMinutes(2)); // past the cache's time to live: calls now try the dead database
        var duringOutage = await registry.ResolveAsync(reference);

        // Back up; a deploy moves the label before this instance's listener is back, so its notification is lost to it.
        await server.RestartAsync();
        await using (var deploy = Store(database, listen: false))
        {
            await deploy.SetLabelAsync("greet", "production", To(2), expected: To(1), new("deploy", "ship v2 during the outage"));
        }

        var beforeReconnect = await registry.ResolveAsync(reference);
        await stop.CancelAsync(); // so that the first read after the reconnect is this test's own
        await traffic;
        var connections = store.Listener.Connections;
        listenerClock.Advance(TimeSpan.FromSeconds(10)); // the reconnect delay is over
        await store.Listener.WaitForConnectionAsync(connections, CancellationToken.None).WaitAsync(Bound);
        var afterReconnect = await registry.ResolveAsync(reference);

        Assert.Empty(failures);
        Assert.Equal((PromptResolutionState.Stale, 1), (duringOutage.State, duringOutage.Prompt.Version));
        Assert.Equal(1, beforeReconnect.Prompt.Version);
        Assert.True(store.Listener.IsConnected, "The listener did not reconnect.");
        Assert.Equal((PromptResolutionState.Fresh, 2), (afterReconnect.State, afterReconnect.Prompt.Version));
        Assert.Contains(states, static s => s.State == PromptResolutionState.Stale);
        Assert.False(states.IsEmpty, "The traffic loop made no calls.");
    }
}

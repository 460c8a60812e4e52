using LlmOps.Sdk.Prompts.PostgreSql;
using LlmOps.Sdk.Rollouts;
using LlmOps.Sdk.Testing;
using LlmOps.Sdk.Tests.Rollouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using static LlmOps.Sdk.Tests.PostgreSql.PostgreSqlTestPrompts;
using Behaviour = LlmOps.Sdk.Tests.Rollouts.RolloutSimulation.Behaviour;

namespace LlmOps.Sdk.Tests.PostgreSql;

/// <summary>The fleet's rollout lease on a real database: one holder at a time, expiry on the database's clock.</summary>
[Collection(SharedPostgreSqlServer.Name)]
public sealed class PostgreSqlRolloutLeaseTests(PostgreSqlFixture fixture)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [SkippableFact]
    public async Task TryAcquireAsync_TwoHoldersAtOnce_ExactlyOneAcquires()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var first = Store(database, listen: false);
        await using var second = Store(database, listen: false);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());

        // Twenty races, each on a lease of its own, so that the statement's atomicity is what decides, not luck.
        for (var race = 0; race < 20; race++)
        {
            var name = $"race-{race}";
            var granted = await Task.WhenAll(
                Task.Run(async () => await new PostgreSqlRolloutLease(first, name).TryAcquireAsync("a", Hour)),
                Task.Run(async () => await new PostgreSqlRolloutLease(second, name).TryAcquireAsync("b", Hour)));

            Assert.True(granted[0] ^ granted[1], $"race {race}: a {granted[0]}, b {granted[1]}");
            Assert.Equal(granted[0] ? "a" : "b", await ScalarAsync<string>(database, $"SELECT holder FROM llmops.leases WHERE name = '{name}'"));
        }
    }

    [SkippableFact]
    public async Task TryAcquireAsync_HolderAgain_RenewsAndKeepsOthersOut()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var store = Store(database, listen: false);
        var lease = ((IRolloutLeaseProvider)store).CreateRolloutLease();
        Assert.True(await lease.TryAcquireAsync("a", TimeSpan.FromSeconds(30)));
        var before = await ScalarAsync<DateTime>(database, "SELECT expires_at FROM llmops.leases");

        var renewed = await lease.TryAcquireAsync("a", Hour);

        Assert.True(renewed);
        Assert.True(await ScalarAsync<DateTime>(database, "SELECT expires_at FROM llmops.leases") > before.AddMinutes(30), "the renewal moves the expiry");
        Assert.False(await lease.TryAcquireAsync("b", Hour));
    }

    [SkippableFact]
    public async Task TryAcquireAsync_AfterTheHoldersLeaseExpired_OtherHolderAcquires()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var first = Store(database, listen: false);
        await using var second = Store(database, listen: false);
        var a = ((IRolloutLeaseProvider)first).CreateRolloutLease();
        var b = ((IRolloutLeaseProvider)second).CreateRolloutLease();
        Assert.True(await a.TryAcquireAsync("a", Hour));
        Assert.False(await b.TryAcquireAsync("b", Hour));

        // Expire it on the database's clock, as an hour without renewal would, rather than waiting.
        await PostgreSqlServer.ExecuteAsync(database, "UPDATE llmops.leases SET expires_at = now() - interval '1 second'");

        Assert.True(await b.TryAcquireAsync("b", Hour));
        Assert.False(await a.TryAcquireAsync("a", Hour)); // the old holder's renewal comes too late
    }

    [SkippableFact]
    public async Task TryAcquireAsync_HoldersWithSkewedClocks_JudgeExpiryOnTheDatabaseClock()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var past = new FakeTimeProvider(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var future = new FakeTimeProvider(new DateTimeOffset(2101, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var slow = Store(database, past, listen: false);
        await using var fast = Store(database, future, listen: false);

        var held = await ((IRolloutLeaseProvider)slow).CreateRolloutLease().TryAcquireAsync("slow", TimeSpan.FromMinutes(1));
        var stolen = await ((IRolloutLeaseProvider)fast).CreateRolloutLease().TryAcquireAsync("fast", TimeSpan.FromMinutes(1));

        Assert.True(held);
        Assert.False(stolen, "an instance whose clock runs a century ahead still sees the lease as held");
        var left = await ScalarAsync<TimeSpan>(database, "SELECT expires_at - now() FROM llmops.leases");
        Assert.InRange(left, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
    }

    [SkippableFact]
    public async Task ReleaseAsync_ByTheHolder_LetsAnotherAcquireAtOnce()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var store = Store(database, listen: false);
        var lease = ((IRolloutLeaseProvider)store).CreateRolloutLease();
        Assert.True(await lease.TryAcquireAsync("a", Hour));

        await lease.ReleaseAsync("b"); // not the holder: nothing happens
        var stillHeld = !await lease.TryAcquireAsync("b", Hour);
        await lease.ReleaseAsync("a");

        Assert.True(stillHeld);
        Assert.True(await lease.TryAcquireAsync("b", Hour));
    }

    [SkippableFact]
    public async Task TickAsync_TwoControllersOnOneDatabase_OnlyTheHoldersDecisionsAreWritten()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var storeA = Store(database, time, listen: false);
        await using var storeB = Store(database, time, listen: false);
        await SeedAsync(storeA, RolloutSimulation.Name);
        using var a = new RolloutSimulation(seed: 30, storeA, time, "instance-a", ((IRolloutLeaseProvider)storeA).CreateRolloutLease());
        using var b = new RolloutSimulation(seed: 31, storeB, time, "instance-b", ((IRolloutLeaseProvider)storeB).CreateRolloutLease());
        using var ops = new PromptRollouts(storeA, timeProvider: time, actor: "ops");
        await a.Controller.TickAsync(); // a asks first, so a holds the lease
        await ops.StartAsync(RolloutSimulation.Name, "production", 2, RolloutSimulation.Plan());
        await b.Controller.TickAsync();
        await a.Controller.TickAsync();

        // Both opened the step's window at the same minute, and b ticks first every minute: without the lease, b would
        // judge each step first and write the decisions.
        var better = new Behaviour(ErrorRate: 0.01);
        var status = (await ops.GetStatusAsync(RolloutSimulation.Name, "production"))!;
        for (var minute = 0; minute < 60 && status.State == RolloutState.Running; minute++)
        {
            a.Serve(400, new Behaviour(), better, status.Percent);
            b.Serve(400, new Behaviour(), better, status.Percent);
            time.Advance(TimeSpan.FromMinutes(1));
            await b.Controller.TickAsync();
            await a.Controller.TickAsync();
            status = (await ops.GetStatusAsync(RolloutSimulation.Name, "production"))!;
        }

        Assert.True(status.State == RolloutState.Completed, $"state {status.State}: {status.Note}");
        var decisions = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var entry in storeB.GetHistoryAsync(RolloutSimulation.Name))
        {
            if (RolloutHistory.TryRead(entry) is not null)
            {
                decisions[entry.Actor] = decisions.GetValueOrDefault(entry.Actor) + 1;
            }
        }

        Assert.Equal(new Dictionary<string, int> { ["ops"] = 1, ["instance-a"] = 3 }, decisions); // started; steps 1, 2, completed
        Assert.True(a.Controller.IsDeciding && !b.Controller.IsDeciding, $"a deciding {a.Controller.IsDeciding}, b deciding {b.Controller.IsDeciding}");
        Assert.Equal("instance-a", (await ScalarAsync<string>(database, "SELECT holder FROM llmops.leases")).Split('@')[0]);
    }

    [SkippableFact]
    public async Task StopAsync_HoldingController_HandsTheLeaseToTheNextTickOfAnother()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var storeA = Store(database, time, listen: false);
        await using var storeB = Store(database, time, listen: false);
        using var a = new RolloutSimulation(seed: 32, storeA, time, "instance-a", ((IRolloutLeaseProvider)storeA).CreateRolloutLease());
        using var b = new RolloutSimulation(seed: 33, storeB, time, "instance-b", ((IRolloutLeaseProvider)storeB).CreateRolloutLease());
        await a.Controller.TickAsync();
        await b.Controller.TickAsync();
        Assert.False(b.Controller.IsDeciding);

        await a.Controller.StopAsync(CancellationToken.None);
        await b.Controller.TickAsync();

        Assert.True(b.Controller.IsDeciding, "b takes over without waiting for the lease to expire");
    }

    [SkippableFact]
    public async Task AddRollouts_PostgreSqlStore_ControllerCompetesForTheDatabaseLease()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(o => o.AddPromptsFromPostgreSql(database).AddRollouts());
        await using var provider = services.BuildServiceProvider();

        var controller = provider.GetServices<IHostedService>().OfType<RolloutController>().Single();
        await controller.TickAsync();

        var lease = Assert.IsType<PostgreSqlRolloutLease>(controller.Lease);
        Assert.Equal("rollouts", lease.Name);
        Assert.Equal(controller.Holder, await ScalarAsync<string>(database, "SELECT holder FROM llmops.leases WHERE name = 'rollouts'"));
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!; // every query here returns one row
    }
}

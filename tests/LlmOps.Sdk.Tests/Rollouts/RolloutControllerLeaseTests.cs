using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Rollouts;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Behaviour = LlmOps.Sdk.Tests.Rollouts.RolloutSimulation.Behaviour;

namespace LlmOps.Sdk.Tests.Rollouts;

/// <summary>The controller's part in a fleet: only the lease holder decides, the others follow the registry.</summary>
public sealed class RolloutControllerLeaseTests
{
    private static readonly Behaviour Baseline = new();

    [Fact]
    public async Task TickAsync_WithoutTheLease_DoesNotMoveTheLabel()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        using var follower = new RolloutSimulation(seed: 20, RolloutSimulation.NewStore(time), time, "instance-b", new ScriptedRolloutLease(granted: false));
        await follower.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());

        var status = await follower.RunAsync(Baseline, Baseline with { ErrorRate = 0.5 }, maxMinutes: 60); // worse: a holder halts it at once

        Assert.True(status.State == RolloutState.Running && status.Step == 0, $"state {status.State} step {status.Step}: {status.Note}");
        Assert.Equal([new PromptVersionWeight(1, 90), new PromptVersionWeight(2, 10)], await follower.LabelTargetsAsync()); // still the first step's split
        Assert.False(follower.Controller.IsDeciding);
        Assert.True(follower.Figures.IsWatched(RolloutSimulation.Name), "a follower keeps counting its calls, to take over with figures");
    }

    [Fact]
    public async Task TickAsync_LeaseGrantedLater_DecidesFromThen()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var lease = new ScriptedRolloutLease(granted: false);
        using var instance = new RolloutSimulation(seed: 21, RolloutSimulation.NewStore(time), time, "instance-b", lease);
        await instance.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());
        await instance.RunAsync(Baseline, Baseline with { ErrorRate = 0.5 }, maxMinutes: 10);

        lease.Granted = true; // the holder stopped; this instance takes over with the calls it counted meanwhile
        await instance.Controller.TickAsync();

        var status = await instance.Rollouts.GetStatusAsync(RolloutSimulation.Name, RolloutSimulation.Label);
        Assert.True(status!.State == RolloutState.Halted, $"state {status.State}: {status.Note}");
        Assert.True(instance.Controller.IsDeciding);
    }

    [Fact]
    public async Task TickAsync_LeaseGainedThenLostForSeveralTicks_LogsEachOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var store = RolloutSimulation.NewStore(time);
        var lease = new ScriptedRolloutLease(granted: true);
        var logs = new FakeLogCollector();
        var rollouts = new PromptRollouts(store, new RolloutFigures(), time);
        using var controller = new RolloutController(store, rollouts, new RolloutFigures(), new RolloutOptions(), new FakeLogger(logs), lease);
        await controller.TickAsync();

        lease.Granted = false;
        await controller.TickAsync();
        await controller.TickAsync();
        await controller.TickAsync();

        var lost = logs.GetSnapshot().Where(static r => r.Id.Id == 908).ToList();
        var record = Assert.Single(lost);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Contains(controller.Holder, record.Message, StringComparison.Ordinal);
        Assert.False(controller.IsDeciding);
        Assert.Single(logs.GetSnapshot(), static r => r.Id.Id == 907);
    }

    [Fact]
    public async Task AddRollouts_InMemoryStore_ControllerDecidesWithoutALease()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(o => o.AddPrompts(store => store.Add(new PromptVersion("reply", 1, "a"), "production")).AddRollouts());
        await using var provider = services.BuildServiceProvider();
        var controller = provider.GetServices<IHostedService>().OfType<RolloutController>().Single();

        await controller.TickAsync();

        Assert.IsType<InProcessRolloutLease>(controller.Lease);
        Assert.True(controller.IsDeciding);
    }

    [Fact]
    public void AddRollouts_LeaseShorterThanTwoTicks_ThrowsNamingTheOptionAndRange()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddLlmOps(o => o.AddRollouts(r => r.LeaseDuration = TimeSpan.FromSeconds(20))));

        Assert.Contains("RolloutOptions.LeaseDuration is 00:00:20; it must be from twice TickInterval (00:00:30) to 1 day", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_WhileHoldingTheLease_ReleasesIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var lease = new ScriptedRolloutLease(granted: true);
        using var instance = new RolloutSimulation(seed: 22, RolloutSimulation.NewStore(time), time, "instance-a", lease);
        await instance.Controller.TickAsync();

        await instance.Controller.StopAsync(CancellationToken.None);

        Assert.Equal(1, lease.Releases);
        Assert.False(instance.Controller.IsDeciding);
    }
}

using System.Globalization;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Rollouts;
using Xunit.Abstractions;
using Behaviour = LlmOps.Sdk.Tests.Rollouts.RolloutSimulation.Behaviour;

namespace LlmOps.Sdk.Tests.Rollouts;

public sealed class RolloutControllerTests(ITestOutputHelper output)
{
    private static readonly Behaviour Baseline = new();

    [Fact]
    public async Task TickAsync_BetterCandidate_ReachesHundredPercent()
    {
        using var simulation = new RolloutSimulation(seed: 1);
        await simulation.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());

        var status = await simulation.RunAsync(Baseline, Baseline with { ErrorRate = 0.01, LatencyMs = 600, PassRate = 0.95 });

        Assert.True(status.State == RolloutState.Completed, $"state {status.State}: {status.Note}");
        Assert.Equal([new PromptVersionWeight(2)], await simulation.LabelTargetsAsync());
    }

    [Fact]
    public async Task TickAsync_CandidateFailingHalfItsCalls_HaltsAtFirstStepWithEnoughCallsAndRestoresBaseline()
    {
        using var simulation = new RolloutSimulation(seed: 2);
        await simulation.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());

        var status = await simulation.RunAsync(Baseline, Baseline with { ErrorRate = 0.5 });

        Assert.True(status.State == RolloutState.Halted, $"state {status.State}: {status.Note}");
        Assert.Equal(0, status.Step);
        var errors = Assert.Single(status.Figures, static f => f.Name == "error_rate");
        Assert.True(errors.Worse, RolloutFigureText.Format(status.Figures));
        Assert.InRange(errors.CandidateCount, 200, 400); // decided as soon as the candidate had its 200 calls, not later
        Assert.Equal([new PromptVersionWeight(1)], await simulation.LabelTargetsAsync());
    }

    [Fact]
    public async Task TickAsync_StepWithTooFewCandidateCalls_KeepsWaiting()
    {
        using var simulation = new RolloutSimulation(seed: 3);
        await simulation.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());
        await simulation.Controller.TickAsync();

        simulation.Serve(1000, Baseline, Baseline with { ErrorRate = 0.9 }, 10); // about 100 candidate calls: below 200
        simulation.Time.Advance(TimeSpan.FromHours(1));
        await simulation.Controller.TickAsync();

        var status = await simulation.Rollouts.GetStatusAsync(RolloutSimulation.Name, RolloutSimulation.Label);
        Assert.Equal(RolloutState.Running, status!.State);
        Assert.Equal(0, status.Step);
    }

    [Fact]
    public async Task TickAsync_StepBeforeItsMinimumDuration_KeepsWaiting()
    {
        using var simulation = new RolloutSimulation(seed: 4);
        await simulation.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());
        await simulation.Controller.TickAsync();

        simulation.Serve(10_000, Baseline, Baseline with { ErrorRate = 0.9 }, 10);
        simulation.Time.Advance(TimeSpan.FromMinutes(4)); // the plan asks for 5
        await simulation.Controller.TickAsync();

        var status = await simulation.Rollouts.GetStatusAsync(RolloutSimulation.Name, RolloutSimulation.Label);
        Assert.Equal(RolloutState.Running, status!.State);
    }

    [Fact]
    public async Task TickAsync_CandidateWithWorsePassRate_HaltsOnTheScore()
    {
        using var simulation = new RolloutSimulation(seed: 5);
        await simulation.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());

        var status = await simulation.RunAsync(Baseline, Baseline with { PassRate = 0.6 });

        Assert.Equal(RolloutState.Halted, status.State);
        Assert.Equal(["score:json_valid:pass_rate"], status.Figures.Where(static f => f.Worse).Select(static f => f.Name));
    }

    [Fact]
    public async Task TickAsync_CandidateWithLongerLatency_HaltsOnTheP95()
    {
        using var simulation = new RolloutSimulation(seed: 6);
        await simulation.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());

        var status = await simulation.RunAsync(Baseline, Baseline with { LatencyMs = 1600 });

        Assert.Equal(RolloutState.Halted, status.State);
        Assert.Contains(status.Figures, static f => f is { Name: "latency_p95_ms", Worse: true });
    }

    [Fact]
    public async Task TickAsync_CostlierCandidate_HaltsOnTheCost()
    {
        using var simulation = new RolloutSimulation(seed: 7);
        await simulation.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());

        var status = await simulation.RunAsync(Baseline, Baseline with { CostUsd = 0.004 });

        Assert.Equal(RolloutState.Halted, status.State);
        Assert.Contains(status.Figures, static f => f is { Name: "cost_per_call_usd", Worse: true });
    }

    [Fact]
    public async Task TickAsync_EqualCandidateIn200SeededRollouts_HaltsAtMostAlphaPlusOnePoint()
    {
        const int Runs = 200;
        var halts = 0;
        var plan = RolloutSimulation.Plan();
        for (var seed = 0; seed < Runs; seed++)
        {
            using var simulation = new RolloutSimulation(seed: 1000 + seed);
            await simulation.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, plan);

            var status = await simulation.RunAsync(Baseline, Baseline);

            Assert.NotEqual(RolloutState.Running, status.State);
            if (status.State == RolloutState.Halted)
            {
                halts++;
                output.WriteLine($"seed {1000 + seed}: {status.Note}; {RolloutFigureText.Format(status.Figures)}");
            }
        }

        var rate = (double)halts / Runs;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"false-halt rate {rate:P1} ({halts}/{Runs}) at family-wise alpha {plan.SignificanceLevel}, per-test alpha {plan.SignificanceLevel / (4 * 3):G3} (Bonferroni over 4 figures x 3 steps)"));
        Assert.True(rate <= plan.SignificanceLevel + 0.01, $"{halts} of {Runs} rollouts of an equal candidate halted ({rate:P1})");
    }

    [Fact]
    public async Task TickAsync_NewControllerAfterCrash_ResumesAtTheRecordedStep()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var store = RolloutSimulation.NewStore(time);
        var better = Baseline with { ErrorRate = 0.01 };
        using (var first = new RolloutSimulation(seed: 8, store, time))
        {
            await first.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());
            await first.RunAsync(Baseline, better, maxMinutes: 7); // through step 0, into step 1
            Assert.Equal(1, (await first.Rollouts.GetStatusAsync(RolloutSimulation.Name, RolloutSimulation.Label))!.Step);
        }

        using var second = new RolloutSimulation(seed: 9, store, time);
        var resumed = await second.Rollouts.GetStatusAsync(RolloutSimulation.Name, RolloutSimulation.Label);
        var status = await second.RunAsync(Baseline, better);

        Assert.Equal((RolloutState.Running, 1, 25d), (resumed!.State, resumed.Step, resumed.Percent));
        Assert.True(status.State == RolloutState.Completed, $"state {status.State}: {status.Note}");
        var history = await store.GetHistoryAsync(RolloutSimulation.Name).ToListAsync();
        var steps = history.Select(RolloutHistory.TryRead).OfType<RolloutRecord>().Select(static r => (r.State, r.Step)).ToList();
        Assert.Equal([(RolloutState.Running, 0), (RolloutState.Running, 1), (RolloutState.Running, 2), (RolloutState.Completed, 3)], steps);
    }

    [Fact]
    public async Task TickAsync_LabelMovedByHandDuringRollout_StopsDriving()
    {
        using var simulation = new RolloutSimulation(seed: 10);
        await simulation.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());
        await simulation.Controller.TickAsync();
        await simulation.Store.SetLabelAsync(RolloutSimulation.Name, RolloutSimulation.Label, [new(1)], null, new PromptChange("ops", "manual revert"));

        await simulation.Controller.TickAsync();

        Assert.Null(await simulation.Rollouts.GetStatusAsync(RolloutSimulation.Name, RolloutSimulation.Label));
        Assert.False(simulation.Figures.IsWatched(RolloutSimulation.Name));
    }

    [Fact]
    public async Task TickAsync_PausedRollout_DoesNotJudge()
    {
        using var simulation = new RolloutSimulation(seed: 11);
        await simulation.Rollouts.StartAsync(RolloutSimulation.Name, RolloutSimulation.Label, 2, RolloutSimulation.Plan());
        await simulation.Rollouts.PauseAsync(RolloutSimulation.Name, RolloutSimulation.Label);
        await simulation.Controller.TickAsync();

        simulation.Serve(10_000, Baseline, Baseline with { ErrorRate = 0.9 }, 10);
        simulation.Time.Advance(TimeSpan.FromHours(1));
        await simulation.Controller.TickAsync();

        var status = await simulation.Rollouts.GetStatusAsync(RolloutSimulation.Name, RolloutSimulation.Label);
        Assert.Equal(RolloutState.Paused, status!.State);
        Assert.Equal([new PromptVersionWeight(1, 0.9), new PromptVersionWeight(2, 0.1)], await simulation.LabelTargetsAsync()); // the same split, as fractions
    }
}

using System.Diagnostics;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Rollouts;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Rollouts;

public sealed class PromptRolloutsTests
{
    private const string Name = RolloutSimulation.Name;
    private const string Label = RolloutSimulation.Label;

    [Fact]
    public async Task StartAsync_LabelOnOneVersion_SplitsTheLabelAndRecordsTheStateInHistory()
    {
        using var simulation = new RolloutSimulation(seed: 1);

        var status = await simulation.Rollouts.StartAsync(Name, Label, 2, RolloutSimulation.Plan());

        Assert.Equal((RolloutState.Running, 1, 2, 0, 10d), (status.State, status.BaselineVersion, status.CandidateVersion, status.Step, status.Percent));
        Assert.Equal([new PromptVersionWeight(1, 90), new PromptVersionWeight(2, 10)], await simulation.LabelTargetsAsync());
        var entry = (await simulation.Store.GetHistoryAsync(Name).ToListAsync())[^1];
        Assert.StartsWith("rollout {", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(RolloutConstants.DefaultActor, entry.Actor);
        Assert.Equal(new[] { 10d, 25, 50, 100 }, RolloutHistory.TryRead(entry)!.Steps);
    }

    [Fact]
    public async Task StartAsync_LabelAlreadySplit_ThrowsNamingLabelAndFix()
    {
        using var simulation = new RolloutSimulation(seed: 1);
        await simulation.Store.SetLabelAsync(Name, Label, [new(1, 50), new(2, 50)], null, new PromptChange("ops", "test"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await simulation.Rollouts.StartAsync(Name, Label, 2, RolloutSimulation.Plan()));

        Assert.Contains($"Label '{Label}' of prompt '{Name}' splits its traffic", error.Message, StringComparison.Ordinal);
        Assert.Contains("llmops prompts label", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SecondRolloutOfSamePrompt_ThrowsNamingTheRunningOne()
    {
        using var simulation = new RolloutSimulation(seed: 1);
        simulation.Store.Add(new PromptVersion(Name, 3, "v3 {{question}}"), "staging");
        await simulation.Rollouts.StartAsync(Name, Label, 2, RolloutSimulation.Plan());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await simulation.Rollouts.StartAsync(Name, "staging", 2, RolloutSimulation.Plan()));

        Assert.Contains("already has a running rollout on label 'production'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new double[] { 10, 50 }, "must end with 100")]
    [InlineData(new double[] { 50, 25, 100 }, "above the one before it")]
    public async Task StartAsync_InvalidSteps_ThrowsNamingTheSetting(double[] steps, string expected)
    {
        using var simulation = new RolloutSimulation(seed: 1);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            async () => await simulation.Rollouts.StartAsync(Name, Label, 2, new RolloutPlan { Steps = steps }));

        Assert.Contains($"prompt '{Name}' label '{Label}' has Steps", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbortAsync_RunningRollout_MovesLabelBackToBaseline()
    {
        using var simulation = new RolloutSimulation(seed: 1);
        await simulation.Rollouts.StartAsync(Name, Label, 2, RolloutSimulation.Plan());

        var status = await simulation.Rollouts.AbortAsync(Name, Label, "customer complaints");

        Assert.Equal(RolloutState.Aborted, status.State);
        Assert.Equal("aborted: customer complaints", status.Note);
        Assert.Equal([new PromptVersionWeight(1)], await simulation.LabelTargetsAsync());
    }

    [Fact]
    public async Task AbortAsync_NoRollout_ThrowsWithStatusHint()
    {
        using var simulation = new RolloutSimulation(seed: 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await simulation.Rollouts.AbortAsync(Name, Label, "x"));

        Assert.Contains($"Label '{Label}' of prompt '{Name}' has no running or paused rollout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatusAsync_HaltedRollout_ReturnsTheFiguresThatDecidedIt()
    {
        using var simulation = new RolloutSimulation(seed: 2);
        await simulation.Rollouts.StartAsync(Name, Label, 2, RolloutSimulation.Plan());
        await simulation.RunAsync(new(), new(ErrorRate: 0.5));

        // Read by a process that never watched the rollout, as the llmops tool does.
        using var reader = new PromptRollouts(simulation.Store);
        var status = await reader.GetStatusAsync(Name, Label);

        Assert.Equal(RolloutState.Halted, status!.State);
        Assert.Contains(status.Figures, static f => f is { Name: "error_rate", Worse: true, Candidate: > 0.3 });
        Assert.Contains("worse than version 1 on error_rate", status.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_Halt_LogsCountsAndAddsSpanEvent()
    {
        var name = "span-check-" + Guid.NewGuid().ToString("N")[..8];
        var time = new FakeTimeProvider();
        var store = new InMemoryPromptStore(time);
        store.Add(new PromptVersion(name, 1, "a {{q}}"), Label);
        store.Add(new PromptVersion(name, 2, "b {{q}}"));
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        using var telemetry = new RolloutTelemetry(null);
        using var decisions = new MetricCollector<long>(telemetry.Decisions);
        List<Activity> spans = [];
        using var listener = new ActivityListener
        {
            ShouldListenTo = static s => s.Name == LlmOpsTelemetry.SourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.OperationName == RolloutConstants.ActivityName && Equals(a.GetTagItem(RolloutConstants.PromptNameTag), name))
                {
                    spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var rollouts = new PromptRollouts(store, null, time, "ci", loggerFactory.CreateLogger("rollouts"), telemetry);
        await rollouts.StartAsync(name, Label, 2, RolloutSimulation.Plan());
        var running = RolloutHistory.TryRead((await store.GetHistoryAsync(name).ToListAsync())[^1])!;
        RolloutFigure[] figures = [new("error_rate", 0.01, 0.5, 500, 200, RolloutConstants.ProportionTest, 1e-9, 0.004, true)];

        await rollouts.WriteAsync(name, Label, [new(1, 90), new(2, 10)], RolloutController.Decide(running, figures), default);

        Assert.Contains(logs.GetSnapshot(), static r => r.Id.Id == 902 && r.Message.Contains("error_rate baseline 0.01", StringComparison.Ordinal));
        Assert.Equal(["started", "halted"], decisions.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags[RolloutConstants.PromptNameTag], name))
            .Select(static m => (string)m.Tags[RolloutConstants.OutcomeTag]!));
        var span = Assert.Single(spans);
        Assert.Equal(["llmops.rollout.started", "llmops.rollout.halted"], span.Events.Select(static e => e.Name));
        Assert.Contains(span.Events.Last().Tags, static t => t.Key == "llmops.rollout.figure.error_rate.worse" && Equals(t.Value, true));
    }
}

using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Rollouts;
using Microsoft.Extensions.Time.Testing;

namespace LlmOps.Sdk.Tests.Rollouts;

/// <summary>A rollout of prompt 'support-reply' label 'production' from version 1 to 2, on a fake clock and an in-memory store.</summary>
/// <remarks>
/// Calls are routed by the label's current split, as the registry would, and their outcomes fed to the same figures the
/// pipeline feeds; the controller is ticked by hand after each minute of traffic.
/// </remarks>
internal sealed class RolloutSimulation : IDisposable
{
    public const string Name = "support-reply";
    public const string Label = "production";
    public const string Score = "json_valid";

    private readonly Random _random;

    public RolloutSimulation(int seed, InMemoryPromptStore? store = null, FakeTimeProvider? time = null)
    {
        _random = new Random(seed);
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        Admin = store ?? NewStore(Time);
        Figures = new RolloutFigures();
        Rollouts = new PromptRollouts(Admin, Figures, Time);
        Controller = new RolloutController(Admin, Rollouts, Figures, new RolloutOptions());
    }

    /// <summary>One instance of a fleet: its own figures and controller, on a store others share, under its own actor and lease.</summary>
    public RolloutSimulation(int seed, IPromptAdmin admin, FakeTimeProvider time, string actor, IRolloutLease lease)
    {
        _random = new Random(seed);
        Time = time;
        Admin = admin;
        Figures = new RolloutFigures();
        Rollouts = new PromptRollouts(Admin, Figures, Time, actor);
        // An hour, so that a slow machine never lets the lease lapse between two ticks of a test.
        Controller = new RolloutController(Admin, Rollouts, Figures, new RolloutOptions { Actor = actor, LeaseDuration = TimeSpan.FromHours(1) }, lease: lease);
    }

    public FakeTimeProvider Time { get; }

    public IPromptAdmin Admin { get; }

    /// <summary>Gets the in-memory store; only for simulations made without a store of their own.</summary>
    public InMemoryPromptStore Store => (InMemoryPromptStore)Admin;

    public RolloutFigures Figures { get; }

    public PromptRollouts Rollouts { get; }

    public RolloutController Controller { get; }

    /// <summary>What a version's calls look like: the chance a call throws, its latency and cost, and the chance its score passes.</summary>
    public sealed record Behaviour(double ErrorRate = 0.02, double LatencyMs = 800, double CostUsd = 0.002, double PassRate = 0.9);

    public static InMemoryPromptStore NewStore(TimeProvider time)
    {
        var store = new InMemoryPromptStore(time);
        store.Add(new PromptVersion(Name, 1, "Answer {{question}}"), Label);
        store.Add(new PromptVersion(Name, 2, "Answer briefly: {{question}}"));
        return store;
    }

    public static RolloutPlan Plan(int minCalls = 200) => new()
    {
        Steps = [10, 25, 50, 100],
        MinCallsPerStep = minCalls,
        MinStepDuration = TimeSpan.FromMinutes(5),
        SignificanceLevel = 0.05,
        GuardedScores = [Score],
    };

    /// <summary>Serves <paramref name="calls"/> calls split as the label is now.</summary>
    public void Serve(int calls, Behaviour baseline, Behaviour candidate, double candidateShare)
    {
        for (var i = 0; i < calls; i++)
        {
            var isCandidate = _random.NextDouble() * 100 < candidateShare;
            var behaviour = isCandidate ? candidate : baseline;
            var version = isCandidate ? 2 : 1;
            var failed = _random.NextDouble() < behaviour.ErrorRate;

            // Log-normal latency with a 40% spread: a realistic tail for the p95 test to look at.
            var latency = behaviour.LatencyMs * Math.Exp(0.4 * Gaussian());
            var cost = behaviour.CostUsd * (0.5 + _random.NextDouble());
            Figures.RecordCall(Name, version, failed, latency, failed ? null : cost);
            if (!failed)
            {
                Figures.RecordScores(Name, version, [new EvaluationScore(Score, passed: _random.NextDouble() < behaviour.PassRate)]);
            }
        }
    }

    /// <summary>Runs minutes of traffic, ticking after each, until the rollout is no longer running or the minutes run out.</summary>
    public async Task<RolloutStatus> RunAsync(Behaviour baseline, Behaviour candidate, int callsPerMinute = 400, int maxMinutes = 200)
    {
        await Controller.TickAsync();
        var status = (await Rollouts.GetStatusAsync(Name, Label))!;
        for (var minute = 0; minute < maxMinutes && status.State == RolloutState.Running; minute++)
        {
            Serve(callsPerMinute, baseline, candidate, status.Percent);
            Time.Advance(TimeSpan.FromMinutes(1));
            await Controller.TickAsync();
            status = (await Rollouts.GetStatusAsync(Name, Label))!;
        }

        return status;
    }

    /// <summary>Gets the versions the label points at now.</summary>
    public async Task<IReadOnlyList<PromptVersionWeight>> LabelTargetsAsync()
    {
        IReadOnlyList<PromptVersionWeight> targets = [];
        await foreach (var entry in Admin.GetHistoryAsync(Name))
        {
            if (entry.Label == Label)
            {
                targets = entry.After;
            }
        }

        return targets;
    }

    public void Dispose()
    {
        Controller.Dispose();
        Rollouts.Dispose();
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}

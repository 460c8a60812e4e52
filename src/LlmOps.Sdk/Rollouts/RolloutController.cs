using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Sdk.Rollouts;

/// <summary>Drives the running rollouts of a prompt store: watches each step, judges it, and moves the label.</summary>
/// <remarks>
/// Ticks on the <see cref="TimeProvider"/>. Each tick reads the registry, so a rollout started anywhere (the
/// <c>llmops</c> tool, another instance) is picked up, and one that restarts resumes at the step the registry records;
/// its step starts counting again from the restart, since the calls counted before were in the lost process. A step is
/// judged once, when this process has counted <see cref="RolloutPlan.MinCallsPerStep"/> calls of each version over at
/// least <see cref="RolloutPlan.MinStepDuration"/>.
/// <para>
/// Across a fleet, only the holder of the <see cref="IRolloutLease"/> judges and moves labels; it renews the lease each
/// tick. The others still read every rollout and count their calls, so one of them can take over when the holder stops,
/// and they serve the label the holder moves. Should two instances still decide at once (a tick slower than the
/// lease), the label move carries the targets it expects, so the first decision wins and the other follows the label.
/// </para>
/// </remarks>
internal sealed class RolloutController : BackgroundService
{
    private readonly IPromptAdmin _admin;
    private readonly PromptRollouts _rollouts;
    private readonly RolloutFigures _figures;
    private readonly TimeSpan _interval;
    private readonly IRolloutLease _lease;
    private readonly TimeSpan _leaseDuration;
    private readonly ILogger _logger;
    private bool _deciding;

    public RolloutController(
        IPromptAdmin admin, PromptRollouts rollouts, RolloutFigures figures, RolloutOptions options, ILogger? logger = null, IRolloutLease? lease = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(rollouts);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(options);
        _admin = admin;
        _rollouts = rollouts;
        _figures = figures;
        _interval = options.TickInterval;
        _lease = lease ?? InProcessRolloutLease.Instance;
        _leaseDuration = options.LeaseDuration ?? options.TickInterval * RolloutConstants.LeaseTicks;
        _logger = logger ?? NullLogger.Instance;

        // Unique per controller, not per machine: two processes on one host, or two hosts in one test, must not share it.
        Holder = $"{options.Actor}@{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>Gets the name this controller holds the lease under.</summary>
    public string Holder { get; }

    /// <summary>Gets the lease this controller competes for, for tests of the registration.</summary>
    internal IRolloutLease Lease => _lease;

    /// <summary>Gets whether this controller held the lease at its last tick, and so decided.</summary>
    public bool IsDeciding => Volatile.Read(ref _deciding);

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!IsDeciding)
        {
            return;
        }

        // Hand over now rather than after the lease expires: the next instance's tick takes it.
        Volatile.Write(ref _deciding, false);
        try
        {
            await _lease.ReleaseAsync(Holder, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RolloutLog.LeaseReleaseFailed(_logger, Holder, exception);
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _rollouts.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    RolloutLog.TickFailed(_logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; the registry keeps the state for the next start.
        }
    }

    /// <summary>Reads every rollout from the registry and drives the running ones one step further when they are due.</summary>
    /// <remarks>Only the lease holder judges; the others open and close their windows as the registry says, and wait.</remarks>
    public async Task TickAsync(CancellationToken cancellationToken = default)
    {
        var deciding = await HoldLeaseAsync(cancellationToken);
        HashSet<string> active = new(StringComparer.Ordinal);
        await foreach (var name in _admin.ListPromptsAsync(cancellationToken))
        {
            var labels = await RolloutHistory.ReadLabelsAsync(_admin, name, cancellationToken);
            foreach (var (label, (entry, record)) in labels)
            {
                if (record is { IsActive: true })
                {
                    active.Add(name);
                    await DriveAsync(name, label, entry, record, deciding, cancellationToken);
                }
                else if (_figures.Get(name) is { } window && window.Label == label)
                {
                    // Ended elsewhere (aborted with the tool, decided by another instance, moved by hand).
                    _figures.Close(name);
                    _rollouts.EndActivity(name, label);
                }
            }
        }

        foreach (var name in _figures.Prompts.ToArray())
        {
            if (!active.Contains(name))
            {
                _figures.Close(name);
            }
        }
    }

    private async Task<bool> HoldLeaseAsync(CancellationToken cancellationToken)
    {
        bool held;
        try
        {
            held = await _lease.TryAcquireAsync(Holder, _leaseDuration, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Unknown is not held: deciding without the lease is what it exists to prevent. The tick fails and says why.
            if (IsDeciding)
            {
                Volatile.Write(ref _deciding, false);
                RolloutLog.LeaseLost(_logger, Holder);
            }

            throw;
        }

        if (held != IsDeciding)
        {
            // Logged on the change only, so a follower's log does not repeat itself every tick.
            Volatile.Write(ref _deciding, held);
            if (held)
            {
                if (_lease is not InProcessRolloutLease)
                {
                    RolloutLog.LeaseAcquired(_logger, Holder, _leaseDuration.TotalSeconds); // in one process there is no lease to speak of
                }
            }
            else
            {
                RolloutLog.LeaseLost(_logger, Holder);
            }
        }

        return held;
    }

    private async Task DriveAsync(string name, string label, PromptHistoryEntry entry, RolloutRecord record, bool deciding, CancellationToken cancellationToken)
    {
        if (record.State == RolloutState.Paused)
        {
            _figures.Close(name);
            return;
        }

        var now = _rollouts.TimeProvider.GetUtcNow();
        var window = _figures.Get(name);
        if (window is null || window.Label != label || window.Step != record.Step
            || window.BaselineVersion != record.Baseline || window.CandidateVersion != record.Candidate)
        {
            // A step this process has not counted yet: a new rollout, a step another instance began, or a restart.
            _figures.Open(name, new RolloutWindow(label, record.Step, record.Baseline, record.Candidate, record.Scores, now));
            return;
        }

        if (!deciding)
        {
            return; // the lease holder judges; this instance keeps counting, in case it takes over
        }

        if (now - window.Start < TimeSpan.FromSeconds(record.MinStepSeconds))
        {
            return;
        }

        var baseline = window.Baseline.Snapshot();
        var candidate = window.Candidate.Snapshot();
        if (baseline.Calls < record.MinCalls || candidate.Calls < record.MinCalls)
        {
            return;
        }

        var next = Decide(record, RolloutJudge.Compare(record, baseline, candidate));
        try
        {
            await _rollouts.WriteAsync(name, label, entry.After, next, cancellationToken);
        }
        catch (PromptConflictException exception)
        {
            RolloutLog.Conflict(_logger, name, label, exception);
            _figures.Close(name);
            return;
        }

        if (next.IsActive)
        {
            _figures.Open(name, new RolloutWindow(label, next.Step, next.Baseline, next.Candidate, next.Scores, now));
        }
        else
        {
            _figures.Close(name);
        }
    }

    internal static RolloutRecord Decide(RolloutRecord record, RolloutFigure[] figures)
    {
        var percent = record.Steps[record.Step];
        var withFigures = record with { Figures = figures };
        if (Array.Exists(figures, static f => f.Worse))
        {
            return withFigures with
            {
                State = RolloutState.Halted,
                Note = $"halted at {RolloutFigureText.Number(percent)}%: version {record.Candidate} is worse than version {record.Baseline} on {RolloutFigureText.Worse(figures)}",
            };
        }

        var step = record.Step + 1;
        if (record.Steps[step] >= 100)
        {
            return withFigures with
            {
                State = RolloutState.Completed,
                Step = step,
                Note = $"completed: version {record.Candidate} passed every step; the label points at it alone",
            };
        }

        return withFigures with
        {
            Step = step,
            Note = $"step {step}: {RolloutFigureText.Number(record.Steps[step])}% of traffic to version {record.Candidate}; no guarded figure worse at {RolloutFigureText.Number(percent)}%",
        };
    }
}

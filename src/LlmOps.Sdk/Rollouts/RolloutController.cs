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
/// least <see cref="RolloutPlan.MinStepDuration"/>. Several instances may judge the same step: the label move carries
/// the targets it expects, so the first decision wins and the others follow the label.
/// </remarks>
internal sealed class RolloutController : BackgroundService
{
    private readonly IPromptAdmin _admin;
    private readonly PromptRollouts _rollouts;
    private readonly RolloutFigures _figures;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;

    public RolloutController(IPromptAdmin admin, PromptRollouts rollouts, RolloutFigures figures, RolloutOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(rollouts);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(options);
        _admin = admin;
        _rollouts = rollouts;
        _figures = figures;
        _interval = options.TickInterval;
        _logger = logger ?? NullLogger.Instance;
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
    public async Task TickAsync(CancellationToken cancellationToken = default)
    {
        HashSet<string> active = new(StringComparer.Ordinal);
        await foreach (var name in _admin.ListPromptsAsync(cancellationToken))
        {
            var labels = await RolloutHistory.ReadLabelsAsync(_admin, name, cancellationToken);
            foreach (var (label, (entry, record)) in labels)
            {
                if (record is { IsActive: true })
                {
                    active.Add(name);
                    await DriveAsync(name, label, entry, record, cancellationToken);
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

    private async Task DriveAsync(string name, string label, PromptHistoryEntry entry, RolloutRecord record, CancellationToken cancellationToken)
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

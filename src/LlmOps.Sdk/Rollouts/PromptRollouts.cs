using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Sdk.Rollouts;

/// <summary>Starts, reads and changes rollouts in a writable prompt store, and reports every change.</summary>
/// <remarks>
/// Every change is one label move with the expected targets given, so two processes that decide the same step at once
/// cannot both win: the second gets a <see cref="PromptConflictException"/> and follows the registry. Each change is
/// reported as a log line, a <c>llmops.rollout.decisions</c> count and an event on the rollout's own span.
/// </remarks>
internal sealed class PromptRollouts : IPromptRollouts, IDisposable
{
    // ConcurrentDictionary holds no nulls: a never-started placeholder stands for "no listener when the rollout began".
    private static readonly Activity NoActivity = new("none");

    private readonly IPromptAdmin _admin;
    private readonly RolloutFigures? _figures;
    private readonly TimeProvider _time;
    private readonly string _actor;
    private readonly ILogger _logger;
    private readonly RolloutTelemetry _telemetry;
    private readonly ConcurrentDictionary<(string Name, string Label), Activity> _activities = new();

    public PromptRollouts(
        IPromptAdmin admin,
        RolloutFigures? figures = null,
        TimeProvider? timeProvider = null,
        string actor = RolloutConstants.DefaultActor,
        ILogger? logger = null,
        RolloutTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        _admin = admin;
        _figures = figures;
        _time = timeProvider ?? TimeProvider.System;
        _actor = actor;
        _logger = logger ?? NullLogger.Instance;
        _telemetry = telemetry ?? new RolloutTelemetry(null);
    }

    public TimeProvider TimeProvider => _time;

    /// <inheritdoc/>
    public async ValueTask<RolloutStatus> StartAsync(
        string name, string label, int candidateVersion, RolloutPlan plan, CancellationToken cancellationToken = default)
    {
        PromptChangeRules.ThrowIfInvalidLabel(name, label);
        RolloutPlanRules.ThrowIfInvalid(plan, name, label);
        var labels = await RolloutHistory.ReadLabelsAsync(_admin, name, cancellationToken);
        foreach (var (other, (_, record)) in labels)
        {
            if (record is { IsActive: true })
            {
                throw new InvalidOperationException(
                    $"Prompt '{name}' already has a {record.State.ToString().ToLowerInvariant()} rollout on label '{other}' (version {record.Baseline} to {record.Candidate}); a prompt has one rollout at a time. Abort it (`llmops rollout abort {name} {other}`) or let it finish first.");
            }
        }

        if (!labels.TryGetValue(label, out var current) || current.Entry.After.Count == 0)
        {
            throw new InvalidOperationException(
                $"Label '{label}' of prompt '{name}' does not exist, so there is no baseline to roll out from. Point it at the current version first (`llmops prompts label {name} {label} <version>`).");
        }

        if (current.Entry.After.Count != 1)
        {
            throw new InvalidOperationException(
                $"Label '{label}' of prompt '{name}' splits its traffic between versions {string.Join(", ", current.Entry.After.Select(static t => t.Version))}; a rollout starts from one baseline version. Point the label at one version first (`llmops prompts label {name} {label} <version>`).");
        }

        var baseline = current.Entry.After[0].Version;
        if (baseline == candidateVersion)
        {
            throw new InvalidOperationException(
                $"Label '{label}' of prompt '{name}' already points at version {candidateVersion}. Give the version to roll out, which must differ from the one the label points at.");
        }

        var started = RolloutRecord.From(plan, baseline, candidateVersion) with
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"started: {plan.Steps[0]}% of traffic to version {candidateVersion}"),
        };
        var at = await WriteAsync(name, label, current.Entry.After, started, cancellationToken);
        return ToStatus(name, label, started, at);
    }

    /// <inheritdoc/>
    public async ValueTask<RolloutStatus?> GetStatusAsync(string name, string label, CancellationToken cancellationToken = default)
    {
        PromptName.ThrowIfInvalid(name);
        var labels = await RolloutHistory.ReadLabelsAsync(_admin, name, cancellationToken);
        if (!labels.TryGetValue(label, out var current) || current.Record is not { } record)
        {
            return null;
        }

        var status = ToStatus(name, label, record, current.Entry.At);
        if (record.State == RolloutState.Running && _figures?.Get(name) is { } window && window.Label == label && window.Step == record.Step)
        {
            // This process watches the step: its live figures say more than the previous decision's.
            status = status with { Figures = RolloutJudge.Compare(record, window.Baseline.Snapshot(), window.Candidate.Snapshot()) };
        }

        return status;
    }

    /// <inheritdoc/>
    public ValueTask<RolloutStatus> PauseAsync(string name, string label, CancellationToken cancellationToken = default) =>
        ChangeAsync(name, label, RolloutState.Running, static r => r with { State = RolloutState.Paused, Note = "paused", Figures = [] }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RolloutStatus> ResumeAsync(string name, string label, CancellationToken cancellationToken = default) =>
        ChangeAsync(name, label, RolloutState.Paused, static r => r with { State = RolloutState.Running, Note = "resumed", Figures = [] }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RolloutStatus> AbortAsync(string name, string label, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return ChangeAsync(name, label, null, r => r with { State = RolloutState.Aborted, Note = $"aborted: {reason}", Figures = [] }, cancellationToken);
    }

    /// <summary>Writes a rollout's next state as one label move from <paramref name="expected"/>, and reports it.</summary>
    /// <returns>When the change was made.</returns>
    /// <exception cref="PromptConflictException">The label no longer points at <paramref name="expected"/>.</exception>
    public async ValueTask<DateTimeOffset> WriteAsync(
        string name, string label, IReadOnlyList<PromptVersionWeight> expected, RolloutRecord next, CancellationToken cancellationToken)
    {
        await _admin.SetLabelAsync(name, label, next.Targets(), expected, new PromptChange(_actor, RolloutHistory.ToReason(next)), cancellationToken);
        var at = _time.GetUtcNow();
        Report(name, label, next);
        return at;
    }

    /// <summary>Ends the span of a rollout this process reported on, once the rollout is over.</summary>
    public void EndActivity(string name, string label)
    {
        if (_activities.TryRemove((name, label), out var activity) && activity != NoActivity)
        {
            activity.Stop();
        }
    }

    public void Dispose()
    {
        foreach (var key in _activities.Keys)
        {
            EndActivity(key.Name, key.Label);
        }

        _telemetry.Dispose();
    }

    internal static RolloutStatus ToStatus(string name, string label, RolloutRecord record, DateTimeOffset at) => new(
        name, label, record.Baseline, record.Candidate, record.State, record.Step, record.Percent, record.ToPlan(), at, record.Note, record.Figures);

    private async ValueTask<RolloutStatus> ChangeAsync(
        string name, string label, RolloutState? from, Func<RolloutRecord, RolloutRecord> change, CancellationToken cancellationToken)
    {
        var labels = await RolloutHistory.ReadLabelsAsync(_admin, name, cancellationToken);
        if (!labels.TryGetValue(label, out var current) || current.Record is not { IsActive: true } record || (from is { } state && record.State != state))
        {
            var what = from is { } wanted ? wanted.ToString().ToLowerInvariant() : "running or paused";
            throw new InvalidOperationException(
                $"Label '{label}' of prompt '{name}' has no {what} rollout{(labels.TryGetValue(label, out var seen) && seen.Record is { } last ? $" (the latest is {last.State.ToString().ToLowerInvariant()})" : "")}. See `llmops rollout status {name} {label}`.");
        }

        var next = change(record);
        var at = await WriteAsync(name, label, current.Entry.After, next, cancellationToken);
        return ToStatus(name, label, next, at);
    }

    private void Report(string name, string label, RolloutRecord next)
    {
        var figures = RolloutFigureText.Format(next.Figures);
        var outcome = next.State switch
        {
            RolloutState.Running when next.Note.StartsWith("started", StringComparison.Ordinal) => "started",
            RolloutState.Running when next.Note.StartsWith("resumed", StringComparison.Ordinal) => "resumed",
            RolloutState.Running => "step",
            _ => next.State.ToString().ToLowerInvariant(),
        };
        switch (outcome)
        {
            case "started":
                RolloutLog.Started(_logger, name, label, next.Percent, next.Candidate, next.Baseline);
                break;
            case "step":
                RolloutLog.Stepped(_logger, name, label, next.Step, next.Percent, next.Candidate, figures);
                break;
            case "halted":
                RolloutLog.Halted(_logger, name, label, next.Candidate, next.Baseline, RolloutFigureText.Worse(next.Figures), figures);
                break;
            case "completed":
                RolloutLog.Completed(_logger, name, label, next.Candidate, figures);
                break;
            default:
                RolloutLog.Changed(_logger, name, label, next.State, next.Note);
                break;
        }

        _telemetry.Decisions.Add(1,
            new(RolloutConstants.PromptNameTag, name),
            new(RolloutConstants.LabelTag, label),
            new(RolloutConstants.OutcomeTag, outcome));
        AddEvent(name, label, outcome, next);
    }

    private void AddEvent(string name, string label, string outcome, RolloutRecord next)
    {
        var activity = _activities.GetOrAdd((name, label), StartActivity, (this, next));
        if (activity is { IsAllDataRequested: true })
        {
            var tags = new ActivityTagsCollection
            {
                [RolloutConstants.StepTag] = next.Step,
                [RolloutConstants.PercentTag] = next.Percent,
                ["llmops.rollout.note"] = next.Note,
            };
            foreach (var figure in next.Figures)
            {
                tags[RolloutConstants.FigureTagPrefix + figure.Name + ".baseline"] = figure.Baseline;
                tags[RolloutConstants.FigureTagPrefix + figure.Name + ".candidate"] = figure.Candidate;
                tags[RolloutConstants.FigureTagPrefix + figure.Name + ".p_value"] = figure.PValue;
                tags[RolloutConstants.FigureTagPrefix + figure.Name + ".worse"] = figure.Worse;
            }

            activity.AddEvent(new ActivityEvent(RolloutConstants.EventPrefix + outcome, _time.GetUtcNow(), tags));
        }

        if (!next.IsActive)
        {
            EndActivity(name, label);
        }
    }

    private static Activity StartActivity((string Name, string Label) key, (PromptRollouts Self, RolloutRecord Record) state)
    {
        // A span of its own, with no parent: a rollout outlives any one request, and must not become a child of the
        // call or tick that happened to report first.
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            var activity = state.Self._telemetry.Source.StartActivity(
                RolloutConstants.ActivityName, ActivityKind.Internal, parentContext: default,
                tags:
                [
                    new(RolloutConstants.PromptNameTag, key.Name),
                    new(RolloutConstants.LabelTag, key.Label),
                    new(RolloutConstants.BaselineTag, state.Record.Baseline),
                    new(RolloutConstants.CandidateTag, state.Record.Candidate),
                ]);
            activity?.DisplayName = $"rollout {key.Name} {key.Label}";
            return activity ?? NoActivity;
        }
        finally
        {
            Activity.Current = previous;
        }
    }
}

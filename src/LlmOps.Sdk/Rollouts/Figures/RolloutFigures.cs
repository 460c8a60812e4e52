using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Rollouts;

/// <summary>The live figures of every rollout this process watches, fed by the rollout stage and the evaluation sink.</summary>
/// <remarks>
/// Thread-safe. Keyed by prompt name, so one prompt has at most one rollout at a time. The controller replaces the map
/// whole (copy on write) when a step begins or ends, so the per-call path reads it without a lock: one dictionary lookup
/// when the prompt is watched, a length check when nothing is.
/// </remarks>
internal sealed class RolloutFigures
{
    private readonly Lock _writeLock = new();
    private volatile Dictionary<string, RolloutWindow> _windows = new(StringComparer.Ordinal);

    /// <summary>Gets whether any prompt is watched.</summary>
    public bool IsEmpty => _windows.Count == 0;

    /// <summary>Gets whether a prompt is watched.</summary>
    public bool IsWatched(string prompt)
    {
        var windows = _windows;
        return windows.Count != 0 && windows.ContainsKey(prompt);
    }

    /// <summary>Counts one finished call of a prompt version.</summary>
    public void RecordCall(string prompt, int version, bool failed, double latencyMilliseconds, double? costUsd)
    {
        var windows = _windows;
        if (windows.Count != 0 && windows.TryGetValue(prompt, out var window))
        {
            window.For(version)?.RecordCall(failed, latencyMilliseconds, costUsd);
        }
    }

    /// <summary>Counts the guarded scores among one evaluator's scores of a call of a prompt version.</summary>
    public void RecordScores(string prompt, int version, IReadOnlyList<EvaluationScore> scores)
    {
        var windows = _windows;
        if (windows.Count == 0 || !windows.TryGetValue(prompt, out var window) || window.For(version) is not { } figures)
        {
            return;
        }

        foreach (var score in scores)
        {
            var index = Array.IndexOf(window.Scores, score.Name);
            if (index >= 0 && score.ErrorType is null)
            {
                figures.RecordScore(index, score.Passed, score.Value);
            }
        }
    }

    /// <summary>Gets the window a prompt is watched through, if any.</summary>
    public RolloutWindow? Get(string prompt) => _windows.GetValueOrDefault(prompt);

    /// <summary>Starts a new window for a prompt, replacing its current one.</summary>
    public void Open(string prompt, RolloutWindow window)
    {
        lock (_writeLock)
        {
            _windows = new Dictionary<string, RolloutWindow>(_windows, StringComparer.Ordinal) { [prompt] = window };
        }
    }

    /// <summary>Stops watching a prompt.</summary>
    public void Close(string prompt)
    {
        lock (_writeLock)
        {
            if (_windows.ContainsKey(prompt))
            {
                var windows = new Dictionary<string, RolloutWindow>(_windows, StringComparer.Ordinal);
                windows.Remove(prompt);
                _windows = windows;
            }
        }
    }

    /// <summary>Gets the names of the watched prompts.</summary>
    public IReadOnlyCollection<string> Prompts => _windows.Keys;
}

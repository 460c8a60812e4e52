using Spectre.Console;

namespace LlmOps.Cli.Progress;

/// <summary>Moves a Spectre.Console progress bar with what a run reports.</summary>
/// <remarks>Thread-safe: Spectre's task is, and the counters are set whole.</remarks>
internal sealed class LiveProgress : IProgress<RunProgressSnapshot>
{
    private readonly ProgressTask _task;

    public LiveProgress(ProgressTask task)
    {
        _task = task;
    }

    public void Report(RunProgressSnapshot value)
    {
        _task.MaxValue = Math.Max(1, value.Total);
        _task.Value = value.Done;
        _task.Description = Markup.Escape(value.ToCounters());
    }
}

using Spectre.Console;

namespace LlmOps.Cli.Progress;

/// <summary>Shows a run's progress on stderr: a live bar for a person at a terminal, periodic plain lines for logs and CI.</summary>
internal static class ProgressDisplay
{
    /// <summary>How often a plain line is written while a run goes on.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/>, showing what it reports.</summary>
    public static async Task<T> RunAsync<T>(CliHost host, Func<IProgress<RunProgressSnapshot>, Task<T>> work)
    {
        if (!host.IsInteractive)
        {
            var plain = new PlainProgress(host.Error, host.TimeProvider, PlainInterval);
            var result = await work(plain);
            plain.Finish();
            return result;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(host.Error) });
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new SpinnerColumn(),
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                return await work(new LiveProgress(task));
            });
    }
}

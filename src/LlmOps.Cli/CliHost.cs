namespace LlmOps.Cli;

/// <summary>What a command may use from outside itself: its streams, the clock and the environment.</summary>
/// <remarks>Injected, so tests run every command in-process with string writers, a fake clock and their own variables.</remarks>
internal sealed class CliHost
{
    public CliHost(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
    }

    /// <summary>Gets where results go (stdout), so <c>llmops … &gt; out.json</c> captures only them.</summary>
    public TextWriter Output { get; }

    /// <summary>Gets where progress and errors go (stderr).</summary>
    public TextWriter Error { get; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Gets whether a person watches stderr: then progress is a live bar, otherwise periodic plain lines.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Creates the host of the real process: the console, the system clock and the process's variables.</summary>
    public static CliHost FromConsole() => new(Console.Out, Console.Error)
    {
        IsInteractive = !Console.IsErrorRedirected
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
    };
}
